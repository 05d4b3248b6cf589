package dev.qstash.jakarta.impl.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.testing.TestConfig;
import dev.qstash.jakarta.impl.testing.Vectors;

/**
 * Every vector of {@code impl/src/test/resources/vectors/signatures.json} (verdicts of the official SDK 2.12.0) through the receiver as
 * the filter uses it: keys resolved from the vector's environment with real MicroProfile Config, the clock fixed at
 * the vector's {@code now}. Expected: the {@code strict} verdict where the vector has one, else the official one.
 */
class SignatureVectorsTest {

    private static final JsonNode FILE = Vectors.load("signatures.json");

    static Stream<Arguments> vectors() {
        return Vectors.list(FILE.get("vectors")).stream().map(v -> Arguments.of(v.get("name").asText(), v));
    }

    @Test
    void theWholePublicSetIsRun() {
        assertEquals(FILE.get("meta").get("count").asInt(), FILE.get("vectors").size());
        assertEquals(78, FILE.get("vectors").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verdict(String name, JsonNode vector) {
        JsonNode expected = vector.has("strict") ? vector.get("strict") : vector.get("official");
        Outcome outcome = verify(vector);
        assertEquals(expected.get("valid").asBoolean(), outcome.valid(),
                () -> name + ": expected " + (expected.get("valid").asBoolean() ? "valid" : "invalid") + " ("
                        + vector.get("description").asText() + "), got " + outcome.reason());
    }

    /** The vectors where we deliberately differ from the SDK are exactly those that carry a strict verdict. */
    @Test
    void divergencesAreOnlyTheDocumentedOnes() {
        List<String> divergent = Vectors.list(FILE.get("vectors")).stream()
                .filter(v -> verify(v).valid() != v.get("official").get("valid").asBoolean())
                .map(v -> v.get("name").asText())
                .toList();
        List<String> strict = Vectors.list(FILE.get("vectors")).stream()
                .filter(v -> v.has("strict") && v.get("strict").get("valid").asBoolean() != v.get("official")
                        .get("valid").asBoolean())
                .map(v -> v.get("name").asText())
                .toList();
        assertEquals(strict, divergent);
        assertTrue(divergent.contains("binary-body-raw-hash") && divergent.contains("alg-hs512"), divergent::toString);
    }

    record Outcome(boolean valid, String reason) {
    }

    static Outcome verify(JsonNode vector) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(vector.get("now").asLong()), ZoneOffset.UTC);
        JsonNode verify = vector.get("verify");
        long tolerance = verify.get("clockTolerance").isNull() ? 0 : verify.get("clockTolerance").asLong();
        String url = verify.get("url").isNull() ? null : verify.get("url").asText();
        JsonNode request = vector.get("request");
        Map<String, String> headers = Vectors.strings(request.get("headers"));
        byte[] body = Vectors.body(request.get("body"));

        QStashReceiver receiver;
        JsonNode receiverConfig = vector.get("config").get("receiver");
        if (receiverConfig.isTextual()) {
            Map<String, String> env = new HashMap<>(Vectors.strings(vector.get("config").get("env")));
            env.put(QStashConfigNames.environmentVariable(QStashConfigNames.VERIFY_CLOCK_TOLERANCE),
                    Long.toString(tolerance));
            receiver = QStashSettings.resolve(TestConfig.environment(env)).receiver().receiver(clock);
        } else {
            try {
                receiver = QStashReceiver.withKeys(text(receiverConfig, "currentSigningKey"),
                        text(receiverConfig, "nextSigningKey"), clock, tolerance);
            } catch (IllegalArgumentException incomplete) {
                return new Outcome(false, "receiver refused: " + incomplete.getMessage());
            }
        }
        try {
            receiver.verify(headers.get("Upstash-Signature"), body, headers.get("Upstash-Region"), url);
            return new Outcome(true, "accepted");
        } catch (SignatureVerificationException | NoSigningKeysException e) {
            return new Outcome(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }
}
