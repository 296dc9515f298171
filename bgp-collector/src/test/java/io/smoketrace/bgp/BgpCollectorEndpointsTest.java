package io.smoketrace.bgp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.ServiceEndpointsContract;
import io.smoketrace.infra.SmokeTraceInfra;

@QuarkusTest
@QuarkusTestResource(value = SmokeTraceInfra.class, initArgs = @ResourceArg(name = SmokeTraceInfra.POSTGRES, value = "false"))
class BgpCollectorEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String serviceName() {
        return "bgp-collector";
    }
}
