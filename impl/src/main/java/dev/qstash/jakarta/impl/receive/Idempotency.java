package dev.qstash.jakarta.impl.receive;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import dev.qstash.jakarta.spi.DeliveryStore;

/**
 * The rules of an idempotent receiver, on a {@link DeliveryStore}: one record per endpoint and message id, whose value
 * is one of
 * <ul>
 * <li>{@code P<owner>@<lease>}: a delivery is being processed by {@code owner} until the lease (epoch ms) runs
 * out;</li>
 * <li>{@code D}: processed successfully;</li>
 * <li>{@code F}: an attempt failed and released the message.</li>
 * </ul>
 * Every record lives for the record lifetime from its last change. The claim is a {@code putIfAbsent}, and taking over
 * a failed or abandoned claim is a compare-and-replace, so of concurrent deliveries exactly one runs, also across the
 * servers sharing a distributed store.
 */
public final class Idempotency {

    static final String DONE = "D";
    static final String FAILED = "F";
    private static final int ATTEMPTS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What to do with a delivery. */
    public enum Verdict {
        /** Run the method: the claim is held. */
        RUN,
        /** Processed already: answer 2xx without running. */
        DONE,
        /** Another delivery of the message is being processed: answer non-2xx with {@code Retry-After}. */
        BUSY
    }

    /**
     * The outcome of {@link #claim}.
     *
     * @param verdict what to do
     * @param claim the held claim, to {@link #complete} or {@link #release}; only with {@link Verdict#RUN}
     */
    public record Decision(Verdict verdict, Claim claim) {
    }

    /**
     * A held claim.
     *
     * @param key the record's key
     * @param value the record's value while the claim is held
     * @param seenBefore whether an earlier attempt of the message failed here (or was abandoned)
     */
    public record Claim(String key, String value, boolean seenBefore) {
    }

    private final DeliveryStore store;
    private final Duration recordLifetime;
    private final Duration processingTimeout;
    private final Clock clock;

    public Idempotency(DeliveryStore store, Duration recordLifetime, Duration processingTimeout, Clock clock) {
        this.store = store;
        this.recordLifetime = recordLifetime;
        this.processingTimeout = processingTimeout;
        this.clock = clock;
    }

    /** The record key of {@code messageId} at {@code endpoint}. */
    static String key(String endpoint, String messageId) {
        return "idempotency|" + endpoint + "|" + messageId;
    }

    /** Claims {@code messageId} for a run of {@code endpoint}, or says why not. */
    public Decision claim(String endpoint, String messageId) {
        String key = key(endpoint, messageId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String mine = processing(now);
            Optional<String> current = store.putIfAbsent(key, mine, now.plus(recordLifetime));
            if (current.isEmpty()) {
                return run(key, mine, false);
            }
            String value = current.get();
            if (value.equals(DONE)) {
                return new Decision(Verdict.DONE, null);
            }
            if (value.startsWith("P") && leaseLive(value, now)) {
                return new Decision(Verdict.BUSY, null);
            }
            // failed, or a claim whose lease ran out (its server stopped): take it over, if nobody else does first
            if (store.replace(key, value, mine, now.plus(recordLifetime))) {
                return run(key, mine, true);
            }
        }
        return new Decision(Verdict.BUSY, null); // the record kept changing under us: let QStash come back
    }

    /** The method succeeded: later deliveries are answered without running it. */
    public boolean complete(Claim claim) {
        return store.replace(claim.key(), claim.value(), DONE, clock.instant().plus(recordLifetime));
    }

    /** The method failed: the next delivery runs it again. */
    public boolean release(Claim claim) {
        return store.replace(claim.key(), claim.value(), FAILED, clock.instant().plus(recordLifetime));
    }

    private static Decision run(String key, String value, boolean seenBefore) {
        return new Decision(Verdict.RUN, new Claim(key, value, seenBefore));
    }

    private String processing(Instant now) {
        byte[] owner = new byte[8];
        RANDOM.nextBytes(owner);
        return "P" + HexFormat.of().formatHex(owner) + "@" + now.plus(processingTimeout).toEpochMilli();
    }

    private static boolean leaseLive(String value, Instant now) {
        int at = value.lastIndexOf('@');
        try {
            return at > 0 && Long.parseLong(value.substring(at + 1)) > now.toEpochMilli();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
