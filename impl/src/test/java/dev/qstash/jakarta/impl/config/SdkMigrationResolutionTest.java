package dev.qstash.jakarta.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.TestConfig;
import dev.qstash.jakarta.impl.testing.Vectors;

/**
 * Every {@code migration[]} case recorded from the official SDK: with exactly the recorded environment (read through
 * real MicroProfile Config, so {@code us-east-1.qstash.token} is found in {@code US_EAST_1_QSTASH_TOKEN}), we
 * resolve the same base URL and token, warn exactly when the SDK warns, and a publish reaches the same base URL with
 * the same bearer token over real HTTP.
 */
class SdkMigrationResolutionTest {

    private static final JsonNode FILE = Vectors.load("requests.json");

    static Stream<Arguments> cases() {
        return Vectors.list(FILE.get("migration")).stream().map(c -> Arguments.of(c.get("id").asText(), c));
    }

    @Test
    void allRecordedCasesAreRun() {
        assertEquals(13, FILE.get("migration").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesAsTheOfficialSdk(String id, JsonNode recorded) throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            Map<String, String> env = new LinkedHashMap<>();
            Vectors.strings(recorded.get("env"))
                    .forEach((name, value) -> env.put(name, value.replace("<port>", "" + server.port())));
            JsonNode clientConfig = recorded.path("clientConfig");
            String explicitUrl = clientConfig.has("baseUrl")
                    ? clientConfig.get("baseUrl").asText().replace("<port>", "" + server.port())
                    : null;
            String explicitToken = clientConfig.has("token") ? clientConfig.get("token").asText() : null;

            QStashSettings.Publishing publishing = QStashSettings.publishing(TestConfig.environment(env), explicitUrl,
                    explicitToken, null);

            JsonNode resolved = recorded.get("resolved");
            assertEquals(resolved.get("baseUrl").asText().replace("<port>", "" + server.port()),
                    publishing.credentials().baseUrl().toString(), "base URL");
            String token = resolved.get("token").asText();
            assertEquals(token.isEmpty() ? null : token, publishing.credentials().token(), "token");
            boolean sdkWarnsAboutCredentials = Vectors.list(recorded.get("sdkWarnings")).stream()
                    .anyMatch(w -> w.asText().contains("QSTASH_REGION") || w.asText().contains("UPSTASH_REGION"));
            assertEquals(sdkWarnsAboutCredentials, !publishing.warnings().isEmpty(), () -> "warnings: "
                    + publishing.warnings());
            for (String warning : publishing.warnings()) {
                env.values().stream().filter(v -> v.startsWith("token_"))
                        .forEach(secret -> assertFalse(warning.contains(secret), warning));
            }

            JsonNode contacted = recorded.get("contacted");
            if (contacted.isNull()) {
                return;
            }
            QStashPublisher.Builder builder = QStashPublisher.builder().config(TestConfig.environment(env));
            if (explicitUrl != null) {
                builder.baseUrl(explicitUrl);
            }
            if (explicitToken != null) {
                builder.token(explicitToken);
            }
            try (QStashPublisher publisher = builder.build()) {
                publisher.publish(PublishRequest.toUrl("https://example.com/api/hook").body("region-probe").build());
            }
            RecordingServer.Recorded request = server.only();
            assertEquals(contacted.get("request").get("path").asText(), request.pathAndQuery());
            assertEquals(contacted.get("authorization").asText(), request.header("authorization"));
            assertEquals("region-probe", new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void theWarningNamesTheMissingKeysAndTheirEnvironmentVariables() {
        List<String> warnings = QStashSettings.publishing(TestConfig.environment(Map.of(
                "QSTASH_REGION", "US_EAST_1", "US_EAST_1_QSTASH_URL", "https://qstash-us-east-1.upstash.io",
                "QSTASH_TOKEN", "token_default")), null, null, null).warnings();
        assertEquals(List.of("qstash.region (env QSTASH_REGION) is US_EAST_1 but us-east-1.qstash.token "
                + "(env US_EAST_1_QSTASH_TOKEN) is not set: publishing with qstash.url and qstash.token instead."),
                warnings);
    }
}
