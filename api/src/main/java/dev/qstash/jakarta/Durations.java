package dev.qstash.jakarta;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Formats durations the way QStash's headers take them. */
final class Durations {

    /** {@code 90s}, {@code 1d10h30m}, {@code 1.5s}: number-unit pairs, units s, m, h, d. */
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?[smhd])+");

    private Durations() {
    }

    static boolean isDuration(String value) {
        return DURATION.matcher(value).matches();
    }

    static String checked(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isDuration(value)) {
            throw new IllegalArgumentException(what + " must look like 90s, 10m, 2h, 1d or 1d10h30m, got " + value);
        }
        return value;
    }

    /** Whole seconds, rounded half up, as the official SDK rounds a number of seconds. */
    static long roundedSeconds(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
        return duration.getSeconds() + (duration.getNano() >= 500_000_000 ? 1 : 0);
    }

    /** Seconds with as many decimals as needed: 30 s gives {@code 30}, 1500 ms gives {@code 1.5}. */
    static String exactSeconds(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros()
                .toPlainString();
    }
}
