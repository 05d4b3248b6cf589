package dev.qstash.jakarta.tck.util;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** HTTP from the test JVM to the deployment, over real sockets. */
public final class TckHttp {

    /** HTTP/1.1, as QStash calls destinations (no h2c upgrade attempts). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private TckHttp() {
    }

    /**
     * The deployment's URL with its host replaced by {@code 127.0.0.1}: servers may report another name or address
     * of this machine, and the simulator delivers only to loopback.
     */
    public static URI loopback(URL base, String path) {
        try {
            URI uri = base.toURI();
            String basePath = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
            return new URI(uri.getScheme(), null, "127.0.0.1", uri.getPort(), basePath + path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static HttpResponse<String> post(URI uri, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /**
     * A POST of the first {@code length} bytes of {@code body}, without copying them, for large bodies. A server that
     * may refuse the body by its headers is better sent it with {@link RawUpload}.
     */
    public static HttpRequest upload(URI uri, byte[] body, int length, Duration timeout, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    /** Sends {@code request} without waiting for the answer: several requests are then under way at once. */
    public static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code uri} until a line matches or {@code timeout} passes; returns the matching line. */
    public static String awaitLine(URI uri, Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = get(uri).body().lines().toList();
            for (String line : lines) {
                if (match.test(line)) {
                    return line;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching line at " + uri + " within " + timeout + "; had " + lines);
    }
}
