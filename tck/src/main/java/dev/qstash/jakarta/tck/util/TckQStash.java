package dev.qstash.jakarta.tck.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.qstash.jakarta.simulator.DeliveryAttempt;
import dev.qstash.jakarta.simulator.QStashSimulator;

/** Publishing straight to a simulator over its REST API, as a QStash client would, and reading what it did. */
public final class TckQStash {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    private TckQStash() {
    }

    /**
     * Publishes {@code body} to {@code destination} with {@code headers} (name, value, ...).
     *
     * @return the message id
     */
    public static String publish(QStashSimulator qstash, URI destination, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + qstash.token(), "Content-Type",
                "text/plain"));
        all.addAll(List.of(headers));
        HttpResponse<String> response = TckHttp.post(URI.create(qstash.url() + "/v2/publish/" + destination),
                body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
        assertEquals(201, response.statusCode(), response.body());
        Matcher m = MESSAGE_ID.matcher(response.body());
        if (!m.find()) {
            throw new AssertionError("no messageId in " + response.body());
        }
        return m.group(1);
    }

    /** The body of {@code GET /v2/dlq}. */
    public static String dlq(QStashSimulator qstash) {
        HttpResponse<String> response = TckHttp.send(HttpRequest.newBuilder(URI.create(qstash.url() + "/v2/dlq"))
                .header("Authorization", "Bearer " + qstash.token()).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The simulator's delivery attempts of {@code messageId}, in order. */
    public static List<DeliveryAttempt> attempts(QStashSimulator qstash, String messageId) {
        return qstash.deliveryAttempts().stream().filter(a -> a.messageId().equals(messageId)).toList();
    }

    /** Waits up to {@code timeout} for {@code condition}; fails with {@code what} if it never holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
