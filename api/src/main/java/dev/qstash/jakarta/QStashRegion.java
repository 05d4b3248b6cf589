package dev.qstash.jakarta;

import java.util.Locale;
import java.util.Optional;

/**
 * The QStash regions. Each region is fully independent: its own token, signing keys, messages, queues, schedules,
 * URL groups, DLQ and logs.
 *
 * <p>
 * A region has three spellings, all accepted by {@link #parse(String)}: the enum name ({@code US_EAST_1}, used in
 * {@code QSTASH_REGION}), the config prefix ({@code us-east-1}, used in config keys such as
 * {@code us-east-1.qstash.token}) and the header value ({@code US-EAST-1}, sent by QStash in {@code Upstash-Region}).
 *
 * @since 0.1
 */
public enum QStashRegion {

    /** Europe (Frankfurt), the default region of QStash. */
    EU_CENTRAL_1("eu-central-1", "https://qstash-eu-central-1.upstash.io"),

    /** US East (N. Virginia). */
    US_EAST_1("us-east-1", "https://qstash-us-east-1.upstash.io");

    private final String configPrefix;
    private final String defaultUrl;
    private final String headerValue;

    QStashRegion(String configPrefix, String defaultUrl) {
        this.configPrefix = configPrefix;
        this.defaultUrl = defaultUrl;
        this.headerValue = configPrefix.toUpperCase(Locale.ROOT);
    }

    /**
     * The prefix of this region's config keys, for example {@code us-east-1}: {@code us-east-1.qstash.token} is
     * read from the environment variable {@code US_EAST_1_QSTASH_TOKEN}.
     *
     * @return the lower-case region id
     */
    public String configPrefix() {
        return configPrefix;
    }

    /**
     * The region's own API base URL, for example {@code https://qstash-us-east-1.upstash.io}.
     *
     * @return the base URL, without a trailing slash
     */
    public String defaultUrl() {
        return defaultUrl;
    }

    /**
     * The value QStash sends in the {@code Upstash-Region} header of a delivery, for example {@code US-EAST-1}.
     *
     * @return the upper-case, dash-separated region id
     */
    public String headerValue() {
        return headerValue;
    }

    /**
     * Parses a region the way the official SDK normalises both {@code QSTASH_REGION} and the {@code Upstash-Region}
     * header: every {@code -} becomes {@code _}, the value is upper-cased, and only the names of this enum are
     * accepted. {@code US_EAST_1}, {@code us-east-1} and {@code US-EAST-1} all give {@link #US_EAST_1}.
     * Surrounding white space is not removed.
     *
     * @param value the raw value, may be {@code null}
     * @return the region, or empty for {@code null}, an empty string or an unknown region
     */
    public static Optional<QStashRegion> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        for (QStashRegion region : values()) {
            if (matches(value, region.name())) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    /** Compares without allocating: called for the region header of every delivery. */
    private static boolean matches(String value, String name) {
        if (value.length() != name.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char normalised = c == '-' ? '_' : Character.toUpperCase(c);
            if (normalised != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
