package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator plays instead of (or before) answering an API request, for testing clients:
 * {@code simulator.injectFaults(2, Fault.burstRateLimit())}.
 */
public final class Fault {

    enum Kind {
        BURST_RATE_LIMIT, DAILY_RATE_LIMIT, SERVER_ERROR, SLOW, DROP_CONNECTION
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

    @Override
    public String toString() {
        return kind == Kind.SLOW ? "slow(" + delay + ")" : kind.name().toLowerCase();
    }
}
