package io.smoketrace.bgp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smoketrace.bgp.cli.BgpCollectorCommand;

/**
 * The collector's entry point: a one-shot command ({@code mrt-dump}, {@code bmp-dump}, {@code mrt-import})
 * runs without starting the service (no listeners, no port 179); anything else starts the collector.
 */
@QuarkusMain
public final class BgpCollectorMain {

    private BgpCollectorMain() {
    }

    public static void main(String... args) {
        if (BgpCollectorCommand.isCommand(args)) {
            BgpCollectorCommand.main(args);
        }
        Quarkus.run(args);
    }
}
