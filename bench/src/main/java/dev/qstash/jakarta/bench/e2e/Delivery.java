package dev.qstash.jakarta.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.jose4j.lang.JoseException;

import dev.qstash.jakarta.bench.Tokens;

/**
 * The one delivery both endpoints get, request after request: a body of the given size, QStash's headers, and a
 * genuine token for that body, addressed to the signed endpoint and valid for a day (longer than any run). The
 * unsigned endpoint ignores the headers, so verification is all that differs between the two.
 */
final class Delivery {

    static final String CONTENT_TYPE = "application/octet-stream";
    static final String MESSAGE_ID = "msg_benchE2eBenchE2eBenchE2e";

    private final byte[] body;
    private final Path bodyFile;
    private final String signature;

    private Delivery(byte[] body, Path bodyFile, String signature) {
        this.body = body;
        this.bodyFile = bodyFile;
        this.signature = signature;
    }

    /** A delivery of {@code size} bytes signed with {@code key}, its body also written to a file in {@code dir}. */
    static Delivery of(int size, String key, URI signedUrl, Path dir)
            throws IOException, JoseException, NoSuchAlgorithmException {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        long now = Instant.now().getEpochSecond();
        String token = Tokens.genuine(key, signedUrl.toString(), body, now, now + Duration.ofDays(1).toSeconds());
        return new Delivery(body, Files.write(dir.resolve("e2e-body-" + size + ".bin"), body), token);
    }

    int size() {
        return body.length;
    }

    Path bodyFile() {
        return bodyFile;
    }

    String signature() {
        return signature;
    }

    /** The delivery as a request to {@code url}, with or without its {@code Upstash-Signature}. */
    HttpRequest request(URI url, boolean withSignature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", CONTENT_TYPE).header("Upstash-Message-Id", MESSAGE_ID);
        return (withSignature ? request.header("Upstash-Signature", signature) : request).build();
    }
}
