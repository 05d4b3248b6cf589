package dev.qstash.jakarta.tck.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.qstash.jakarta.simulator.QStashTokens;

/** The deployed applications' endpoints (see {@code apps}), as the tests drive them. */
public final class TckApp {

    /** The field positions of a line of {@code GET /api/received}. */
    public static final int RETRIED = 2, REGION = 3, KEYS_REGION = 4, SIGNING_KEY = 5, SHA256 = 6, LENGTH = 7;

    private TckApp() {
    }

    /**
     * Has the application publish {@code body} to its own {@code /api/receive} through the publisher {@code via}
     * ({@code primary}, {@code eu} or {@code us}).
     *
     * @return the message id and the publisher's region ({@code -} when unknown)
     */
    public static String[] publish(URL base, String via, String body) {
        URI destination = TckHttp.loopback(base, "api/receive");
        HttpResponse<String> response = TckHttp.post(
                URI.create(TckHttp.loopback(base, "api/publish") + "?to=" + destination + "&via=" + via),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return response.body().split(" ");
    }

    /** The line {@code /api/received} shows for a message once it arrived, split into its fields. */
    public static String[] delivery(URL base, String messageId) {
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/received"), l -> l.contains(" " + messageId + " "),
                Duration.ofSeconds(20)).split(" ");
    }

    /**
     * POSTs {@code body} to {@code path}, signed as a genuine delivery to that URL with {@code key}, with
     * {@code headers} (name, value, ...) added.
     */
    public static HttpResponse<String> signedPost(URL base, String path, byte[] body, String key,
            String... headers) {
        URI uri = TckHttp.loopback(base, path);
        List<String> all = new ArrayList<>(List.of("Upstash-Signature", QStashTokens.genuine(key, uri.toString(),
                body)));
        all.addAll(List.of(headers));
        return TckHttp.post(uri, body, all.toArray(String[]::new));
    }

    /** A fresh message id in QStash's form. */
    public static String messageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * How many times a guarded method was entered for {@code messageId} (its {@code Upstash-Message-Id} header), as
     * {@code /api/entered} shows.
     */
    public static long entered(URL base, String messageId) {
        return TckHttp.get(TckHttp.loopback(base, "api/entered")).body().lines()
                .filter(l -> l.endsWith(" " + messageId)).count();
    }

    /** The lines of {@code /api/received} for {@code messageId}, each split into its fields. */
    public static List<String[]> received(URL base, String messageId) {
        return TckHttp.get(TckHttp.loopback(base, "api/received")).body().lines()
                .filter(l -> l.contains(" " + messageId + " ")).map(l -> l.split(" ")).toList();
    }
}
