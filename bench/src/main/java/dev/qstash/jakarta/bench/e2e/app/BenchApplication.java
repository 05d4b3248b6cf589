package dev.qstash.jakarta.bench.e2e.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark WAR's resources, under {@code /qstash-bench-e2e/api}. */
@ApplicationPath("/api")
public class BenchApplication extends Application {
}
