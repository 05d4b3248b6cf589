package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.RawUpload;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Messages as large as QStash's plans allow are verified in bounded memory: with
 * {@code qstash.verify.max-body-size} at 45 MiB, twelve deliveries of exactly 45 MiB at once are verified and reach a
 * resource that streams them. The resource holds each request until all twelve are in it, so the implementation holds
 * all twelve verified bodies at the same time: 540 MiB, more than the heap the suite gives the servers (512 MiB). One
 * byte more is 413, and bodies over the old 1 MiB default reach a {@code byte[]} resource too.
 *
 * <p>
 * On WildFly, the HTTP listener's {@code max-post-size} must allow such bodies (tck/README.md). Runs late among the
 * suite's classes: it loads the server most.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
@Order(Integer.MAX_VALUE - 1)
public class BodySizeTest {

    static final int MIB = 1024 * 1024;
    /** {@code qstash.verify.max-body-size} of this deployment: 45 MiB, inclusive. */
    static final int LIMIT = 45 * MIB;
    static final int CONCURRENT = 12;
    private static final Duration UPLOAD = Duration.ofMinutes(3);
    /** Pseudo-random content; each request sends a prefix of it. */
    private static final byte[] CONTENT = new byte[LIMIT + 1];
    static {
        new Random(20261130L).nextBytes(CONTENT);
    }

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TckDeployments.singleRegion(null, null);
        config.put("qstash.verify.max-body-size", Integer.toString(LIMIT));
        return TckDeployments.war(BodySizeTest.class, config);
    }

    /** The first {@code length} bytes of the content, signed as a genuine delivery to {@code path} (and query). */
    private HttpRequest delivery(String path, int length, String messageId) {
        String[] pathAndQuery = path.split("\\?", 2);
        URI uri = TckHttp.loopback(base, pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            uri = URI.create(uri + "?" + pathAndQuery[1]);
        }
        return TckHttp.upload(uri, CONTENT, length, UPLOAD, headers(uri, length, messageId));
    }

    private static String[] headers(URI uri, int length, String messageId) {
        return new String[]{"Upstash-Signature", QStashTokens.genuineForDigest(TckKeys.EU_CURRENT, uri.toString(),
                sha256(length)), "Upstash-Message-Id", messageId, "Content-Type", "application/octet-stream"};
    }

    private static byte[] sha256(int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(CONTENT, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int length) {
        return HexFormat.of().formatHex(sha256(length));
    }

    @Test
    public void a20MiBDeliveryIsVerifiedAndStreamedIntact() {
        int length = 20 * MIB;
        HttpResponse<String> response = TckHttp.send(delivery("api/stream", length, TckApp.messageId()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(hex(length) + " " + length + " 1", response.body());
    }

    @Test
    public void twelveConcurrentDeliveriesAtTheLimitAreVerifiedInBoundedMemory() {
        String expected = hex(LIMIT) + " " + LIMIT + " " + CONCURRENT;
        String batch = "api/stream?batch=" + UUID.randomUUID() + "&together=" + CONCURRENT;
        List<CompletableFuture<String>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CONCURRENT; i++) {
            answers.add(TckHttp.sendAsync(delivery(batch, LIMIT, TckApp.messageId()))
                    .handle((r,
                            e) -> e != null ? e.toString() : r.statusCode() + " " + GuardedCalls.shortened(r.body())));
        }
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            int n = i;
            String answer = answers.get(i).join();
            checks.add(() -> assertEquals("200 " + expected, answer, "delivery " + n));
        }
        System.out.printf("BodySizeTest: %d deliveries of %d bytes at once took %d ms%n", CONCURRENT, LIMIT,
                (System.nanoTime() - start) / 1_000_000);
        assertAll(checks);
    }

    @Test
    public void oneByteOverTheLimitIs413AndTheMethodNeverRuns() {
        String id = TckApp.messageId();
        URI uri = TckHttp.loopback(base, "api/stream");
        RawUpload.Answer answer = RawUpload.post(uri, CONTENT, LIMIT + 1, true, headers(uri, LIMIT + 1, id));
        assertEquals(413, answer.status(), answer.body());
        assertEquals(0, TckApp.entered(base, id), "the method ran for a body over the limit");
    }

    @Test
    public void a3MiBBodyReachesAByteArrayResource() {
        int length = 3 * MIB;
        String id = TckApp.messageId();
        HttpResponse<String> response = TckHttp.send(delivery("api/receive", length, id));
        assertEquals(200, response.statusCode(), response.body());
        List<String[]> received = TckApp.received(base, id);
        assertEquals(1, received.size());
        assertEquals(hex(length), received.get(0)[TckApp.SHA256]);
        assertEquals(Integer.toString(length), received.get(0)[TckApp.LENGTH]);
    }
}
