package io.smoketrace.analyzer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.ServiceEndpointsContract;
import io.smoketrace.infra.SmokeTraceInfra;

@QuarkusTest
@QuarkusTestResource(value = SmokeTraceInfra.class)
class PathAnalyzerEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String serviceName() {
        return "path-analyzer";
    }
}
