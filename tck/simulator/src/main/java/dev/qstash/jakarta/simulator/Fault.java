package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator plays instead of (or before) answering an API request, for testing clients:
 * {@code simulator.injectFaults(2, Fault.burstRateLimit())}.
 */
public final class Fault {

    enum Kind {

        BURST_RATE_LIMIT, DAILY_RATE_LIMIT, SERVER_ERROR, SLOW, DROP_CONNECTION, SERVER_ERROR_AFTER_HANDLING, DROP_CONNECTION_AFTER_HANDLING;

        /** Whether the request is handled (a publish accepted, its message scheduled) before the failure. */
        boolean afterHandling() {
            return this == SERVER_ERROR_AFTER_HANDLING || this == DROP_CONNECTION_AFTER_HANDLING;
        }
    }

    final Kind kind;
    final Duration delay;

    private Fault(Kind kind, Duration delay) {
        this.kind = kind;
        this.delay = delay;
    }

    /** 429 with {@code Burst-RateLimit-Limit/-Remaining/-Reset}, as QStash's per-second limit answers. */
    public static Fault burstRateLimit() {
        return new Fault(Kind.BURST_RATE_LIMIT, Duration.ZERO);
    }

    /** 429 with {@code RateLimit-Limit/-Remaining/-Reset}, as QStash's daily message quota answers. */
    public static Fault dailyRateLimit() {
        return new Fault(Kind.DAILY_RATE_LIMIT, Duration.ZERO);
    }

    /** 500 with {@code {"error": "..."}}. */
    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO);
    }

    /** Waits before handling the request normally. */
    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, Objects.requireNonNull(delay, "delay"));
    }

    /** Closes the connection without answering. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, Duration.ZERO);
    }

    /**
     * Handles the request as usual, then answers 500 instead of its answer: a publish is accepted and its message
     * delivered, but the client cannot know. What a publisher meets when QStash fails after storing a message; only a
     * deduplication id makes a retry of it safe.
     */
    public static Fault serverErrorAfterHandling() {
        return new Fault(Kind.SERVER_ERROR_AFTER_HANDLING, Duration.ZERO);
    }

    /**
     * Handles the request as usual, then closes the connection without answering: the answer is lost on the way back,
     * after the message was accepted.
     */
    public static Fault dropConnectionAfterHandling() {
        return new Fault(Kind.DROP_CONNECTION_AFTER_HANDLING, Duration.ZERO);
    }

    @Override
    public String toString() {
        return kind == Kind.SLOW ? "slow(" + delay + ")" : kind.name().toLowerCase();
    }
}
