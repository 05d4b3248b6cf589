package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Answer;

/**
 * The test class path runs RESTEasy's MicroProfile Rest Client, so this is the RESTEasy path: with the engine's real
 * name, destinations reach the server with {@code //} intact; with a name RESTEasy does not have (as after an upgrade
 * that renamed it), the publisher is refused at creation and never sends.
 */
class PathPreservingClientsTest {

    private static final PublishRequest REQUEST = PublishRequest.toUrl("https://example.com/hook").body("x").build();

    private static Transport transport(RecordingServer server, String engineName) {
        return new Transport(QStashSettings.explicit(server.baseUrl(), "token_value"),
                new Retrier(0, n -> Duration.ZERO), Telemetry.NONE, engineName);
    }

    @Test
    void theRealEngineKeepsTheDestinationsDoubleSlash() throws Exception {
        try (RecordingServer server = new RecordingServer();
                LogCapture log = new LogCapture();
                Transport transport = transport(server, PathPreservingClients.URL_CONNECTION_ENGINE)) {
            String id = transport.toDestination(WireFormat.PLAIN.publishCall(REQUEST), Responses::single)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).messageId();
            assertEquals("msg_test", id);
            assertEquals("/v2/publish/https://example.com/hook", server.only().pathAndQuery());
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("QSTASH022")), log.all());
        }
    }

    @Test
    void aMissingEngineIsDetectedAtCreationRefusesToPublishAndIsLoggedOnce() throws Exception {
        try (RecordingServer server = new RecordingServer().answer(r -> Answer.json(200, "[]"));
                LogCapture log = new LogCapture()) {
            Transport first = transport(server, "org.jboss.resteasy.client.jaxrs.engines.RenamedEngine");
            List<String> errors = log.lines().stream().filter(l -> l.contains("QSTASH022")).toList();
            assertEquals(1, errors.size(), "an ERROR as the publisher is created: " + log.all());
            assertTrue(errors.get(0).startsWith("SEVERE "), errors.get(0));
            assertTrue(errors.get(0).contains("RenamedEngine"), "names what broke: " + errors.get(0));
            assertTrue(errors.get(0).contains("https:/host"), errors.get(0));
            assertTrue(errors.get(0).contains(Transport.ISSUES), "says what to do: " + errors.get(0));

            CompletionException e = assertThrows(CompletionException.class, () -> first
                    .toDestination(WireFormat.PLAIN.publishCall(REQUEST), Responses::single).toCompletableFuture()
                    .join());
            QStashException refused = assertInstanceOf(QStashException.class, e.getCause());
            assertTrue(refused.getMessage().startsWith("POST /v2/publish refused: publishing is switched off: "),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("RenamedEngine"), refused.getMessage());
            assertTrue(!refused.getMessage().contains("token_value"), "no secret: " + refused.getMessage());

            // management calls go through the default client and still work
            assertEquals(0, first.json(ApiCall.of("GET", "/queues"), node -> node.size()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));

            Transport second = transport(server, "org.jboss.resteasy.client.jaxrs.engines.RenamedEngine");
            assertThrows(CompletionException.class, () -> second
                    .toDestination(WireFormat.PLAIN.publishCall(REQUEST), Responses::single).toCompletableFuture()
                    .join());
            assertEquals(1, log.lines().stream().filter(l -> l.contains("QSTASH022")).count(), "once: " + log.all());
            assertEquals(List.of("/v2/queues"), server.requests().stream().map(r -> r.pathAndQuery()).toList(),
                    "no publish left the client");
            first.close();
            second.close();
        }
    }
}
