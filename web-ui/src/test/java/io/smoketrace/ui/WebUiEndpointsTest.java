package io.smoketrace.ui;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.ServiceEndpointsContract;
import io.smoketrace.infra.SmokeTraceInfra;

@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
class WebUiEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String serviceName() {
        return "web-ui";
    }
}
