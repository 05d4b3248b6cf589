package dev.qstash.jakarta.tck.apps;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;

/**
 * What the deployment's resources received, one line each, read by the tests through {@code GET /api/received}:
 * {@code resource messageId retried region keysRegion signingKey sha256 length contentType}. Resources that do not
 * read the delivery log the {@code Upstash-Message-Id} header as the message id and {@code -} for its metadata.
 *
 * <p>
 * Every guarded method also notes its {@code Upstash-Message-Id} header as its first statement, shown by
 * {@code GET /api/entered} as {@code resource messageId} lines: a method that ran for a request, even one that
 * failed before logging what it received, is seen there.
 */
public final class ReceivedLog {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static final List<String> ENTERED = new CopyOnWriteArrayList<>();

    private ReceivedLog() {
    }

    static void entered(String resource, String messageId) {
        ENTERED.add(resource + " " + orDash(messageId));
    }

    static void delivery(String resource, QStashDelivery delivery, byte[] body, String contentType) {
        LINES.add(String.join(" ", resource, delivery.messageId(), Integer.toString(delivery.retried()),
                delivery.region().map(QStashRegion::name).orElse("-"),
                delivery.verifiedWithRegionKeys().map(QStashRegion::name).orElse("DEFAULT"),
                delivery.signingKey().name(), hex(body), Integer.toString(body.length),
                contentType == null ? "-" : contentType.replace(' ', '_')));
    }

    /** A call to a resource that does not read the delivery. */
    static void call(String resource, String messageId, byte[] body) {
        called(resource, messageId, hex(body), body.length);
    }

    /** Likewise, for a body the resource hashed itself ({@code sha256} in hex) while streaming it. */
    static void called(String resource, String messageId, String sha256, long length) {
        LINES.add(String.join(" ", resource, orDash(messageId), "-", "-", "-", "-", sha256, Long.toString(length),
                "-"));
    }

    /** A line of free fields, {@code resource messageId field...}, for the delivery-handling resources. */
    static void note(String resource, String messageId, String... fields) {
        StringBuilder line = new StringBuilder(resource).append(' ').append(orDash(messageId));
        for (String field : fields) {
            line.append(' ').append(orDash(field).replace(' ', '_'));
        }
        LINES.add(line.toString());
    }

    static List<String> lines() {
        return LINES;
    }

    static List<String> entered() {
        return ENTERED;
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static String hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
