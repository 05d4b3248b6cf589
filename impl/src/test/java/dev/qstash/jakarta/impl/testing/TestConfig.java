package dev.qstash.jakarta.impl.testing;

import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Real MicroProfile Config (SmallRye) over given values. */
public final class TestConfig {

    private TestConfig() {
    }

    /**
     * Config whose only source is an environment with exactly these variables, read with the MicroProfile
     * environment-variable mapping (so {@code qstash.token} finds {@code QSTASH_TOKEN}).
     */
    public static Config environment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300)).build();
    }

    /** Config from dotted properties, as a {@code microprofile-config.properties} file gives them. */
    public static Config properties(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
