package dev.qstash.jakarta.impl.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.qstash.jakarta.manage.Filter;

/**
 * A path with a query string as the official SDK writes it: parameters in the order they are added, a repeated name
 * for several values, values form-encoded as {@code URLSearchParams} does ({@code https%3A%2F%2F...}, space as
 * {@code +}).
 */
final class Query {

    /** The URL group criterion's wire name. */
    private static final String URL_GROUP = "topicName";

    private final StringBuilder path;
    private boolean first = true;

    private Query(String path) {
        this.path = new StringBuilder(path);
    }

    static Query path(String path) {
        return new Query(path);
    }

    Query add(String name, Object value) {
        path.append(first ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(usv(String.valueOf(value)), StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    Query addAll(String name, Collection<String> values) {
        values.forEach(value -> add(name, value));
        return this;
    }

    /** {@code count}, when positive. */
    Query count(int count) {
        return count > 0 ? add("count", count) : this;
    }

    /** {@code cursor}, when set. */
    Query cursor(String cursor) {
        return cursor == null || cursor.isEmpty() ? this : add("cursor", cursor);
    }

    /**
     * The filter's criteria in their order, after checking that the area knows each; {@code topicName} (the URL
     * group) last, as the SDK's {@code {...rest, topicName: urlGroup}} puts it.
     */
    Query filter(Filter filter, Set<String> known, String area) {
        Objects.requireNonNull(filter, "filter");
        List<String> urlGroups = null;
        for (Map.Entry<String, List<String>> criterion : filter.parameters().entrySet()) {
            if (!known.contains(criterion.getKey())) {
                throw new IllegalArgumentException(area + " cannot be filtered by " + criterion.getKey()
                        + "; known criteria: " + String.join(", ", new TreeSet<>(known)));
            }
            if (criterion.getKey().equals(URL_GROUP)) {
                urlGroups = criterion.getValue();
            } else {
                addAll(criterion.getKey(), criterion.getValue());
            }
        }
        if (urlGroups != null) {
            addAll(URL_GROUP, urlGroups);
        }
        return this;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Lone surrogates as U+FFFD, as JavaScript converts a string for {@code URLSearchParams} ({@code URLEncoder} would write {@code ?}). */
    private static String usv(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            if (lone && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * One path segment from a user-given id or name: refused when blank, percent-encoded as UTF-8 outside the
     * characters a segment may hold unescaped.
     */
    static String segment(String value, String what) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : requireId(value, what).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A user-given id or name, refused when blank as the SDK refuses "Message id cannot be empty". */
    static String requireId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " cannot be empty");
        }
        return value;
    }

    /** User-given ids, each checked with {@link #requireId}. */
    static List<String> requireIds(Collection<String> values, String what) {
        Objects.requireNonNull(values, what + "s");
        List<String> ids = new ArrayList<>(values.size());
        for (String value : values) {
            ids.add(requireId(value, what));
        }
        return ids;
    }

    /** Page sizes QStash accepts for bulk calls. */
    static int checkedCount(int count, int max, boolean optional) {
        if (optional && count == 0) {
            return 0;
        }
        if (count < 1 || count > max) {
            throw new IllegalArgumentException("count must be between 1 and " + max + (optional ? " (or 0)" : "")
                    + ", got " + count);
        }
        return count;
    }
}
