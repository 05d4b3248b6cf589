package dev.qstash.jakarta.tck.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;

/**
 * The server's MicroProfile Health readiness endpoint, over HTTP. Where it is comes from the system property
 * {@value #PROPERTY}: an absolute URL (WildFly serves it on its management interface), or a path resolved against the
 * deployment's host and port; default {@value #DEFAULT}, the path MicroProfile Health defines.
 */
final class HealthEndpoint {

    /** The JUnit tag of the health scenarios. */
    static final String TAG = "health";

    static final String PROPERTY = "qstash.tck.health.url";
    static final String DEFAULT = "/health/ready";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthEndpoint() {
    }

    /** What {@code GET /health/ready} answered. */
    record Readiness(int status, String body, JsonNode json) {

        /** The overall status: {@code UP} or {@code DOWN}. */
        String overall() {
            return json.path("status").asText();
        }

        /** The one check named {@code name}; fails if there is none or more than one. */
        JsonNode check(String name) {
            List<JsonNode> found = new ArrayList<>();
            json.path("checks").forEach(check -> {
                if (name.equals(check.path("name").asText())) {
                    found.add(check);
                }
            });
            assertEquals(1, found.size(), "one check named " + name + " in " + body);
            return found.get(0);
        }

        /** A data field of the check {@code name}, as text; empty string when absent. */
        String data(String name, String field) {
            return check(name).path("data").path(field).asText("");
        }

        /** Fails if any of the suite's tokens or signing keys is anywhere in the answer. */
        void assertNoSecret() {
            for (String secret : TckKeys.ALL) {
                assertFalse(body.contains(secret), "the health answer contains a secret (" + secret.substring(0, 8)
                        + "...): " + body);
            }
        }
    }

    static URI uri(URL base) {
        String where = System.getProperty(PROPERTY, DEFAULT);
        URI given = URI.create(where);
        return given.isAbsolute() ? given : TckHttp.loopback(base, "").resolve(given);
    }

    /** Reads the endpoint once: HTTP 200 with {@code UP} or 503 with {@code DOWN}, as MicroProfile Health defines. */
    static Readiness read(URL base) {
        URI uri = uri(base);
        HttpResponse<String> response = TckHttp.get(uri);
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError(uri + " answered " + response.statusCode() + " without JSON: "
                    + response.body(), e);
        }
        Readiness readiness = new Readiness(response.statusCode(), response.body(), json);
        assertTrue(readiness.status() == 200 && "UP".equals(readiness.overall())
                || readiness.status() == 503 && "DOWN".equals(readiness.overall()),
                uri + " answered " + response.statusCode() + ": " + response.body());
        return readiness;
    }
}
