package dev.qstash.jakarta.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.sun.net.httpserver.HttpServer;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.simulator.Fault;
import dev.qstash.jakarta.simulator.QStashSimulator;

/**
 * {@link QStashPublisher#builder()} in a plain JVM: no server, no CDI container, and on the class path exactly the
 * README's Java SE set (qstash-jakarta-impl, RESTEasy's MicroProfile Rest Client, SmallRye Config for
 * {@code .config(...)}), which this module's pom lists and nothing else brings in. Publishes to the simulator, which
 * delivers to a loopback destination; {@code tck/java-se-jersey} runs it with Jersey's Rest Client instead
 * ({@code se.client}). A second run leaves SmallRye Config out: an explicit URL and token need no MP
 * Config implementation. A third leaves RESTEasy's Rest Client out: building says which dependency to add.
 */
class JavaSePublisherTest {

    private QStashSimulator sim;
    private HttpServer destination;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
        destination = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        destination.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(exchange.getRequestURI().getPath() + " " + new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        destination.start();
    }

    @AfterEach
    void stop() {
        destination.stop(0);
        sim.close();
    }

    private String destination(String path) {
        return "http://127.0.0.1:" + destination.getAddress().getPort() + path;
    }

    private String next() throws InterruptedException {
        String delivery = received.poll(10, TimeUnit.SECONDS);
        if (delivery == null) {
            throw new AssertionError("nothing delivered within 10 s");
        }
        return delivery;
    }

    /** MicroProfile Config through its own API; SmallRye is found as the resolver. */
    private static Config config(Map<String, String> values) {
        return ConfigProviderResolver.instance().getBuilder().withSources(new ConfigSource() {

            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public String getValue(String name) {
                return values.get(name);
            }

            @Override
            public String getName() {
                return "test";
            }
        }).build();
    }

    @Test
    @DisabledIfSystemProperty(named = "se.set", matches = "without-rest-client")
    void thisJvmIsPlainWithTheChosenRestClientAndNoCdiContainer() {
        boolean jersey = System.getProperty("se.client").equals("jersey");
        String builder = RestClientBuilder.newBuilder().getClass().getName();
        assertTrue(builder.startsWith(jersey ? "org.glassfish.jersey." : "org.jboss.resteasy."), builder);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jboss.weld.environment.se.Weld"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName(jersey
                ? "org.jboss.resteasy.microprofile.client.RestClientBuilderImpl"
                : "org.glassfish.jersey.client.JerseyClient"));
    }

    @Test
    @DisabledIfSystemProperty(named = "se.set", matches = "without-rest-client")
    void anExplicitUrlAndTokenPublishAndManage() throws Exception {
        try (QStashPublisher publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token()).build()) {
            String id = publisher.publish(PublishRequest.toUrl(destination("/orders")).body("explicit").build())
                    .messageId();
            assertTrue(id.startsWith("msg_"), id);
            assertEquals("/orders explicit", next());
            publisher.queues().upsert("se-queue", 1, false);
            assertEquals("se-queue", publisher.queues().get("se-queue").name());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "se.set", matches = "without-rest-client")
    void withoutARestClientImplementationBuildingSaysWhichToAdd() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.jboss.resteasy.microprofile.client.RestClientBuilderImpl"));
        QStashConfigurationException e = assertThrows(QStashConfigurationException.class,
                () -> QStashPublisher.builder().baseUrl(sim.url()).token(sim.token()).build());
        assertTrue(e.getMessage().startsWith("no MicroProfile Rest Client implementation is on the class path; "
                + "outside a server add one: org.jboss.resteasy.microprofile:microprofile-rest-client (RESTEasy) or "
                + "org.glassfish.jersey.ext.microprofile:jersey-mp-rest-client"), e.getMessage());
        assertTrue(!e.getMessage().contains(sim.token()), "no secret");
    }

    @Test
    @EnabledIfSystemProperty(named = "se.set", matches = "without-config")
    void withoutAConfigImplementationTheConfigPathSaysWhatToDo() {
        QStashConfigurationException e = assertThrows(QStashConfigurationException.class,
                () -> QStashPublisher.builder().build());
        assertTrue(e.getMessage().startsWith("no MicroProfile Config implementation is on the class path"),
                e.getMessage());
    }

    @Test
    @EnabledIfSystemProperty(named = "se.set", matches = "without-config")
    void withoutAConfigImplementationThereIsNone() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.smallrye.config.SmallRyeConfig"));
    }

    @Test
    @EnabledIfSystemProperty(named = "se.set", matches = "full")
    void configFromMicroProfileConfigWithTheRetrySettings() throws Exception {
        Config config = config(Map.of("qstash.url", sim.url(), "qstash.token", sim.token(),
                "qstash.client.rate-limit-max-wait", "2", "qstash.client.retry-server-errors", "true"));
        try (QStashPublisher publisher = QStashPublisher.builder().config(config).build()) {
            sim.injectFaults(1, Fault.burstRateLimit());
            sim.injectFaults(1, Fault.serverError());
            publisher.publish(PublishRequest.toUrl(destination("/configured")).body("from config")
                    .deduplicationId("se-1").build());
            assertEquals("/configured from config", next());
            assertEquals(3, sim.requests().size(), "a 429 waited out and a 500 retried, as configured");

            sim.injectFaults(1, Fault.dailyRateLimit());
            assertThrows(QStashRateLimitException.class, () -> publisher.publish(PublishRequest
                    .toUrl(destination("/configured")).body("daily").build()));
        }
    }
}
