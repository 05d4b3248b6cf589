package dev.qstash.jakarta.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.cdi.QStashExtension;
import dev.qstash.jakarta.impl.config.OptionalApis;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.TestConfig;

/**
 * Both extensions in a real CDI container (Weld) with the Health API on the class path: the check is a
 * {@code @Readiness HealthCheck} bean, and what it says follows the injection points and {@code @VerifyQStash} classes
 * the container saw. The config has signing keys and the primary token, not the EU token.
 */
@EnableWeld
class HealthExtensionTest {

    private static AutoCloseable installed;
    private static final LogCapture LOG = new LogCapture();

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .disableDiscovery()
            .addExtension(new QStashExtension())
            .addExtension(new HealthExtension())
            .addBeanClasses(Receiver.class, Sender.class))
            .activate(RequestScoped.class, ApplicationScoped.class)
            .build();

    @Inject
    BeanManager beans;

    @BeforeAll
    static void configure() {
        Config config = TestConfig.properties(Map.of("qstash.token", "token_primary",
                "qstash.current-signing-key", "sig_current", "qstash.next-signing-key", "sig_next"));
        installed = TestConfig.install(config);
    }

    @AfterAll
    static void restore() throws Exception {
        installed.close();
        LOG.close();
    }

    @Path("in")
    @RequestScoped
    static class Receiver {

        @POST
        @VerifyQStash
        public String receive(String body) {
            return body;
        }
    }

    @ApplicationScoped
    static class Sender {

        @Inject
        QStashPublisher primary;

        @Inject
        @ForRegion(QStashRegion.EU_CENTRAL_1)
        Instance<QStashPublisher> eu;
    }

    @Test
    void theCheckIsAReadinessBeanThatSeesWhatTheApplicationUses() {
        List<HealthCheck> checks = beans.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE)
                .stream().toList();
        assertEquals(1, checks.size());
        HealthCheckResponse response = checks.get(0).call();
        assertEquals("qstash", response.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus(), "the injected EU publisher has no token");
        Map<String, Object> data = response.getData().orElseThrow();
        assertEquals(true, data.get("receive.used"));
        assertEquals(true, data.get("publish.used"));
        assertEquals("ready", data.get("publish.primary"));
        assertEquals("missing", data.get("publish.EU_CENTRAL_1"));
        assertFalse(data.containsKey("publish.US_EAST_1"), "no one injects the US publisher");
        assertEquals("ready", data.get("receive"));
        assertFalse(data.toString().contains("token_primary") || data.toString().contains("sig_"), data.toString());
        assertTrue(checks.get(0).call() == response, "worked out once");
        assertFalse(LOG.all().contains("QSTASH040"), "Health is there: nothing said about leaving it out");
    }

    @Test
    void withoutTheHealthApiTheClassIsNotAvailable() {
        assertTrue(OptionalApis.loadable(getClass().getClassLoader(), HealthExtension.HEALTH_API));
        assertFalse(OptionalApis.loadable(getClass().getClassLoader(),
                "org.eclipse.microprofile.health.HealthCheck", "org.eclipse.microprofile.health.NoSuchType"));
    }

    @Test
    void unreadableSettingsAreDownWithoutDetail() {
        HealthCheckResponse response = QStashReadinessCheck.respond(() -> {
            throw new IllegalStateException("token_primary");
        });
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertFalse(response.getData().orElseThrow().toString().contains("token_primary"));
    }
}
