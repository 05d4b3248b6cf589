package dev.qstash.jakarta.examples;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's REST resources, under {@code /qstash-examples/api}. */
@ApplicationPath("/api")
public class ExamplesApplication extends Application {
}
