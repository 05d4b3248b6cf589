package dev.qstash.jakarta.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.cdi.QStashExtension;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.TestConfig;
import dev.qstash.jakarta.impl.testing.Tokens;
import dev.qstash.jakarta.impl.verify.QStashReceiver;

/**
 * The configuration that disables the filter: a {@code @VerifyQStash} resource method called in a request the filter
 * never saw. The guard refuses it with 500 and an ERROR naming the fix; a verified request, and methods that are not
 * resource methods, pass.
 */
@EnableWeld
class VerifyQStashGuardTest {

    static final AtomicInteger RUNS = new AtomicInteger();
    private static AutoCloseable config;

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().disableDiscovery()
            .addExtension(new QStashExtension()).addBeanClasses(GuardedByClass.class, GuardedByMethod.class))
            .activate(RequestScoped.class, ApplicationScoped.class).build();

    @Inject
    GuardedByClass byClass;
    @Inject
    GuardedByMethod byMethod;
    @Inject
    VerifiedRequest request;

    /** A contract whose resource annotations the implementing class does not repeat. */
    public interface Contract {

        @GET
        String read();
    }

    @Path("class")
    @VerifyQStash
    @RequestScoped
    public static class GuardedByClass implements Contract {

        @POST
        public String post(String body) {
            RUNS.incrementAndGet();
            return body;
        }

        @Override
        public String read() {
            RUNS.incrementAndGet();
            return "read";
        }

        public String helper() {
            return "helper";
        }
    }

    @Path("method")
    @RequestScoped
    public static class GuardedByMethod {

        @POST
        @VerifyQStash
        public String guarded() {
            RUNS.incrementAndGet();
            return "guarded";
        }

        @GET
        public String open() {
            return "open";
        }
    }

    @BeforeAll
    static void installConfig() {
        config = TestConfig.install(TestConfig.environment(Map.of()));
    }

    @AfterAll
    static void removeConfig() throws Exception {
        config.close();
    }

    @Test
    void anUnverifiedCallOfAGuardedResourceMethodIsRefusedAndSaysWhatToAdd() {
        RUNS.set(0);
        try (LogCapture log = new LogCapture()) {
            for (Runnable call : new Runnable[]{() -> byClass.post("x"), byClass::read, byMethod::guarded}) {
                WebApplicationException e = assertThrows(WebApplicationException.class, call::run);
                assertEquals(500, e.getResponse().getStatus());
                assertEquals("QStash signature verification is not configured", e.getResponse().getEntity());
            }
            assertEquals(0, RUNS.get(), "no guarded method ran");
            assertEquals(3, log.lines().stream().filter(l -> l.startsWith("SEVERE QSTASH016")).count(), log.all());
            assertTrue(log.all().contains(GuardedByClass.class.getName() + ".post"), log.all());
            assertTrue(log.all().contains("dev.qstash.jakarta.QStashFeature"), log.all());
        }
    }

    @Test
    void whatIsNotAResourceMethodIsNotGuarded() {
        assertEquals("helper", byClass.helper());
        assertEquals("open", byMethod.open());
    }

    @Test
    void aVerifiedRequestPasses() throws Exception {
        RUNS.set(0);
        String url = "https://app.example.com/class";
        byte[] body = "x".getBytes();
        String token = Tokens.sign(Tokens.claims(url, body, System.currentTimeMillis() / 1000), Tokens.CURRENT);
        request.verified(new DeliveryImpl(QStashReceiver.withKeys(Tokens.CURRENT, Tokens.NEXT, Clock.systemUTC(), 0)
                .verify(token, body, null, url), "msg_1", 0, Optional.empty(), Optional.empty(), Optional.empty(),
                false),
                null);
        assertEquals("x", byClass.post("x"));
        assertEquals("guarded", byMethod.guarded());
        assertEquals(2, RUNS.get());
        assertFalse(request.delivery() == null);
    }
}
