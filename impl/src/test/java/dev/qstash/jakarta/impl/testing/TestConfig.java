package dev.qstash.jakarta.impl.testing;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

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

    /**
     * Makes {@code config} the application's config ({@code ConfigProvider.getConfig()}) until closed. Replaces any
     * config registered before, for example the default one the RESTEasy client registers when it first reads config.
     */
    public static AutoCloseable install(Config config) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
        return () -> resolver.releaseConfig(config);
    }
}
