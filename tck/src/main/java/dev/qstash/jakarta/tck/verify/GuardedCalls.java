package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.function.Executable;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;

/**
 * Requests to every guarded and unguarded endpoint of an application that lists its classes (see
 * {@code apps.ListedApplication}), each checked for its status, whether the method ran ({@code /api/entered}) and
 * what it received ({@code /api/received}). Every endpoint is checked and all failures reported together.
 */
final class GuardedCalls {

    /** JSON with two- and three-byte UTF-8 characters. */
    static final byte[] BODY = "{\"orderId\":42,\"note\":\"caf\u00e9 \u2603\"}".getBytes(StandardCharsets.UTF_8);

    /** The guarded endpoints and what each answers: by method, by class, by class on an instance, by method. */
    static final Map<String, String> GUARDED = new LinkedHashMap<>();
    /** The unguarded neighbours and what each answers to {@link #BODY}. */
    static final Map<String, String> OPEN = new LinkedHashMap<>();
    static {
        GUARDED.put("api/receive", "received");
        GUARDED.put("api/guarded", "guarded class");
        GUARDED.put("api/singleton", "singleton");
        GUARDED.put("api/mixed/guarded", "guarded");
        OPEN.put("api/open", "open " + BODY.length);
        OPEN.put("api/mixed/open", "open");
    }

    private final URL base;

    GuardedCalls(URL base) {
        this.base = base;
    }

    /** Each guarded endpoint refuses a request signed (or not) by {@code signature}, and its method never runs. */
    void refusedEverywhere(String what, Function<URI, String[]> signature) {
        assertAll(GUARDED.keySet().stream().map(path -> (Executable) () -> refused(path, what, signature)));
    }

    private void refused(String path, String what, Function<URI, String[]> signature) {
        URI uri = TckHttp.loopback(base, path);
        String id = TckApp.messageId();
        List<String> headers = new ArrayList<>(List.of("Upstash-Message-Id", id, "Content-Type",
                "application/json"));
        headers.addAll(List.of(signature.apply(uri)));
        HttpResponse<String> response = TckHttp.post(uri, BODY, headers.toArray(String[]::new));
        int status = response.statusCode();
        assertFalse(status >= 200 && status < 300, path + " answered " + status + " (" + shortened(response.body())
                + ") to " + what + ": it is not verified");
        assertEquals(0, TckApp.entered(base, id), path + " ran for " + what + " (answered " + status + ")");
        assertEquals(401, status, path + " refused " + what + " with " + status + " instead of 401: "
                + shortened(response.body()));
    }

    /** Each guarded endpoint takes a genuine delivery: 200, its method ran once, the body arrived intact. */
    void acceptedEverywhere() {
        assertAll(GUARDED.entrySet().stream().map(e -> (Executable) () -> accepted(e.getKey(), e.getValue())));
    }

    private void accepted(String path, String answer) {
        String id = TckApp.messageId();
        HttpResponse<String> response = TckApp.signedPost(base, path, BODY, TckKeys.EU_CURRENT, "Upstash-Message-Id",
                id, "Content-Type", "application/json");
        assertEquals(200, response.statusCode(), path + " refused a genuine delivery: "
                + shortened(response.body()));
        assertEquals(answer, response.body(), path);
        assertEquals(1, TckApp.entered(base, id), path + " ran once");
        assertBodyIntact(path, id);
    }

    /** Each unguarded neighbour still answers an unsigned request, with the body intact. */
    void openEverywhere() {
        assertAll(OPEN.entrySet().stream().map(e -> (Executable) () -> {
            String id = TckApp.messageId();
            HttpResponse<String> response = TckHttp.post(TckHttp.loopback(base, e.getKey()), BODY,
                    "Upstash-Message-Id", id);
            assertEquals(200, response.statusCode(), e.getKey() + ": " + shortened(response.body()));
            assertEquals(e.getValue(), response.body(), e.getKey());
            assertBodyIntact(e.getKey(), id);
        }));
    }

    private void assertBodyIntact(String path, String id) {
        List<String[]> lines = TckApp.received(base, id);
        assertEquals(1, lines.size(), path + " logged what it received once");
        assertEquals(HexFormat.of().formatHex(QStashTokens.sha256(BODY)), lines.get(0)[TckApp.SHA256],
                path + ": the body's SHA-256");
        assertEquals(Integer.toString(BODY.length), lines.get(0)[TckApp.LENGTH], path + ": the body's length");
    }

    /** An answer's body for a message: servers answer errors with whole HTML pages. */
    static String shortened(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    static String[] unsigned(URI uri) {
        return new String[0];
    }

    static String[] forged(URI uri) {
        return new String[]{"Upstash-Signature", QStashTokens.genuine(TckKeys.FOREIGN, uri.toString(), BODY)};
    }
}
