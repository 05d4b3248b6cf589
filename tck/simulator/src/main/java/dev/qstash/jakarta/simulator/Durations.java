package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QStash's duration and time formats. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private Durations() {
    }

    /** {@code 90s}, {@code 1d10h30m}, {@code 1.5s}, a Go-style {@code 6m5s}; {@code null} if not one. */
    static Duration parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher m = PART.matcher(value);
        int end = 0;
        double millis = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            millis += n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            end = m.end();
        }
        return end == value.length() ? Duration.ofMillis(Math.round(millis)) : null;
    }

    /**
     * A destination's {@code Retry-After} (or {@code X-RateLimit-Reset...}): delta-seconds, an HTTP date (RFC 1123)
     * or a Go duration; a date in the past is zero. {@code null} if absent, unreadable or above one day: QStash then
     * applies the normal backoff (docs: features/retry).
     */
    static Duration retryAfter(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration result;
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                result = Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        } else {
            try {
                result = Duration.ofMillis(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - nowMillis);
            } catch (DateTimeParseException e) {
                result = parse(v);
            }
        }
        if (result == null || result.compareTo(MAX_RETRY_AFTER) > 0) {
            return null;
        }
        return result.isNegative() ? Duration.ZERO : result;
    }
}
