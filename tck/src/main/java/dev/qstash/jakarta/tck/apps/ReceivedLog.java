package dev.qstash.jakarta.tck.apps;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;

/**
 * What the deployment's resources received, one line each, read by the tests through {@code GET /api/received}:
 * {@code resource messageId retried region keysRegion signingKey sha256 length contentType}.
 */
public final class ReceivedLog {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    private ReceivedLog() {
    }

    static void delivery(String resource, QStashDelivery delivery, byte[] body, String contentType) {
        LINES.add(String.join(" ", resource, delivery.messageId(), Integer.toString(delivery.retried()),
                delivery.region().map(QStashRegion::name).orElse("-"),
                delivery.verifiedWithRegionKeys().map(QStashRegion::name).orElse("DEFAULT"),
                delivery.signingKey().name(), hex(body), Integer.toString(body.length),
                contentType == null ? "-" : contentType.replace(' ', '_')));
    }

    static void call(String resource, byte[] body) {
        LINES.add(String.join(" ", resource, "-", "-", "-", "-", "-", hex(body), Integer.toString(body.length), "-"));
    }

    static List<String> lines() {
        return LINES;
    }

    private static String hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
