package io.smoketrace.analyzer.config;

import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.rib.Rib;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The pure core as beans: one RIB and one analyzer per process, built from the configuration. */
@ApplicationScoped
public class AnalyzerBeans {

    @Produces
    @Singleton
    Rib rib(AnalyzerConfig config) {
        return new Rib(config.rib().toRibConfig());
    }

    @Produces
    @Singleton
    PathAnalyzer analyzer(AnalyzerConfig config, Rib rib) {
        return new PathAnalyzer(config.detection().toDetectorConfig(), rib);
    }
}
