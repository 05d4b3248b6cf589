package dev.qstash.jakarta.tck.apps;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every resource of the suite under {@code /api}; classes are discovered, so the filter comes with the jar. */
@ApplicationPath("/api")
public class TckApplication extends Application {
}
