package dev.qstash.jakarta.impl.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.jaxrs.DeliveryImpl;
import dev.qstash.jakarta.impl.jaxrs.VerifiedRequest;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.TestConfig;
import dev.qstash.jakarta.impl.testing.Tokens;
import dev.qstash.jakarta.impl.verify.QStashReceiver;
import dev.qstash.jakarta.impl.verify.SigningKeys;

/**
 * The extension in a real CDI container (Weld), with the application's config in migration mode: the primary region
 * is US, the EU region keeps its own token.
 */
@EnableWeld
class QStashExtensionTest {

    private static RecordingServer us;
    private static RecordingServer eu;
    private static Config config;
    private static AutoCloseable installed;

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .disableDiscovery()
            .addExtension(new QStashExtension())
            .addBeanClasses(Client.class))
            .activate(RequestScoped.class, ApplicationScoped.class)
            .build();

    @Inject
    Client client;

    @BeforeAll
    static void startRegions() throws Exception {
        us = new RecordingServer();
        eu = new RecordingServer();
        config = TestConfig.environment(Map.of(
                "QSTASH_REGION", "US_EAST_1",
                "US_EAST_1_QSTASH_URL", us.baseUrl(), "US_EAST_1_QSTASH_TOKEN", "token_us",
                "EU_CENTRAL_1_QSTASH_URL", eu.baseUrl(), "EU_CENTRAL_1_QSTASH_TOKEN", "token_eu",
                "US_EAST_1_QSTASH_CURRENT_SIGNING_KEY", "sig_us_current", "US_EAST_1_QSTASH_NEXT_SIGNING_KEY",
                "sig_us_next"));
        installed = TestConfig.install(config);
    }

    @AfterAll
    static void stopRegions() throws Exception {
        installed.close();
        us.close();
        eu.close();
    }

    /** Dependent, so the test reads the injected fields of the instance itself, not of a client proxy. */
    static class Client {

        @Inject
        QStashPublisher primary;
        @Inject
        @ForRegion(QStashRegion.EU_CENTRAL_1)
        QStashPublisher eu;
        @Inject
        @ForRegion(QStashRegion.US_EAST_1)
        QStashPublisher us;
        @Inject
        QStashDelivery delivery;
        @Inject
        QStashRuntime runtime;
        @Inject
        VerifiedRequest request;
    }

    private static PublishRequest probe() {
        return PublishRequest.toUrl("https://app.example.com/api/receive").body("hello").build();
    }

    @Test
    void thePrimaryPublisherUsesTheMigrationRegion() {
        int before = us.requests().size();
        assertEquals(Optional.of(QStashRegion.US_EAST_1), client.primary.region());
        assertEquals("msg_test", client.primary.publish(probe()).messageId());
        RecordingServer.Recorded request = us.requests().get(before);
        assertEquals("Bearer token_us", request.header("authorization"));
        assertEquals("/v2/publish/https://app.example.com/api/receive", request.pathAndQuery());
    }

    @Test
    void theQualifiedPublisherReachesTheOtherRegionWithItsToken() {
        int before = eu.requests().size();
        assertEquals(Optional.of(QStashRegion.EU_CENTRAL_1), client.eu.region());
        client.eu.publish(probe());
        assertEquals("Bearer token_eu", eu.requests().get(before).header("authorization"));
        assertEquals(Optional.of(QStashRegion.US_EAST_1), client.us.region());
    }

    @Test
    void theRuntimeResolvedMigrationModeOnce() {
        assertTrue(client.runtime.receiverSettings().migrationMode());
        assertTrue(client.runtime.receiverSettings().regionKeys().containsKey(QStashRegion.US_EAST_1));
        assertSame(client.runtime.receiver(), client.runtime.receiver());
    }

    @Test
    void theDeliveryBeanSaysWhyNotWhenTheRequestWasNotVerified() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.delivery.messageId());
        assertTrue(e.getMessage().contains("@VerifyQStash"), e.getMessage());
    }

    @Test
    void theDeliveryBeanReadsTheVerifiedDeliveryOfTheRequest() throws Exception {
        String url = "https://app.example.com/api/receive";
        byte[] body = "{}".getBytes();
        QStashReceiver receiver = QStashReceiver.of(Optional.empty(),
                Map.of(QStashRegion.EU_CENTRAL_1, SigningKeys.of(Tokens.CURRENT, Tokens.NEXT, "eu")), true, "",
                Clock.systemUTC(), 0);
        String token = Tokens.sign(Tokens.claims(url, body, System.currentTimeMillis() / 1000), Tokens.NEXT);
        DeliveryImpl delivery = new DeliveryImpl(receiver.verify(token, body, "eu-central-1", url), "msg_1", 2,
                Optional.of(QStashRegion.EU_CENTRAL_1), Optional.empty(), Optional.of("group"), false);
        client.request.verified(delivery, null);
        assertEquals("msg_1", client.delivery.messageId());
        assertEquals(2, client.delivery.retried());
        assertEquals(QStashDelivery.SigningKey.NEXT, client.delivery.signingKey());
        assertEquals(Optional.of(QStashRegion.EU_CENTRAL_1), client.delivery.verifiedWithRegionKeys());
        assertEquals(Optional.of("group"), client.delivery.urlGroup());
        assertEquals(url, client.delivery.subject());
    }

    @Test
    void aRegionWithoutATokenStillInjectsAndNamesTheKeyWhenUsed() throws Exception {
        // a second container, whose config lacks the EU token
        try (AutoCloseable noEu = TestConfig.install(TestConfig.environment(Map.of("QSTASH_TOKEN", "t")));
                org.jboss.weld.environment.se.WeldContainer container = WeldInitiator.createWeld().disableDiscovery()
                        .addExtension(new QStashExtension()).addBeanClasses(Client.class).containerId("no-eu")
                        .initialize()) {
            QStashPublisher euPublisher = container.select(QStashPublisher.class,
                    ForRegion.Literal.of(QStashRegion.EU_CENTRAL_1)).get();
            QStashConfigurationException e = assertThrows(QStashConfigurationException.class,
                    () -> euPublisher.publish(probe()));
            assertTrue(e.getMessage().endsWith("set eu-central-1.qstash.token (env EU_CENTRAL_1_QSTASH_TOKEN)"),
                    e.getMessage());
        } finally {
            installed = TestConfig.install(config);
        }
    }

    @Test
    void aDeploymentThatCanNeitherPublishNorVerifySaysSoOnceAtStartup() throws Exception {
        try (AutoCloseable empty = TestConfig.install(TestConfig.environment(Map.of("QSTASH_REGION", "mars")));
                dev.qstash.jakarta.impl.testing.LogCapture log = new dev.qstash.jakarta.impl.testing.LogCapture();
                org.jboss.weld.environment.se.WeldContainer container = WeldInitiator.createWeld().disableDiscovery()
                        .addExtension(new QStashExtension()).addBeanClasses(Client.class).containerId("empty")
                        .initialize()) {
            List<String> problems = log.lines().stream().filter(l -> l.startsWith("WARNING QSTASH00")).toList();
            assertEquals(2, problems.size(), log.all());
            assertTrue(problems.get(0).contains("qstash.region (env QSTASH_REGION) is \"mars\""), problems.get(0));
            assertTrue(problems.get(1).startsWith("WARNING QSTASH002 QStash is not configured"), problems.get(1));
            assertTrue(problems.get(1).contains("qstash.token (env QSTASH_TOKEN)"), problems.get(1));
        } finally {
            installed = TestConfig.install(config);
        }
    }
}
