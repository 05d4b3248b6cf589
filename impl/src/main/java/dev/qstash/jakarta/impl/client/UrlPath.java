package dev.qstash.jakarta.impl.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path and query a call with a destination in its path goes out with, as the official SDK makes them: it joins
 * {@code baseUrl}, {@code "v2"}, {@code "publish"} (or {@code "enqueue"} and the queue, or {@code "schedules"}) and
 * the destination with {@code /} and parses the result with JavaScript's {@code new URL(...)}, so the whole
 * destination up to its first {@code ?} is <em>path</em> to the WHATWG URL parser (its host too), the rest query, and
 * the fragment is dropped by {@code fetch}. This class is that part of the WHATWG URL Standard's basic URL parser for
 * a special scheme (path state and query state, then serialisation), as Node 20 implements it:
 * <ul>
 * <li>trailing spaces and C0 controls are dropped, tabs and newlines removed wherever they are;
 * <li>{@code \} separates segments like {@code /}; {@code .}, {@code ..} and their {@code %2e} forms are resolved;
 * <li>the path percent-encode set ({@code space " < > ` { }}, controls, non-ASCII as UTF-8; a lone surrogate as
 * U+FFFD) in the path, the special-query set ({@code space " # < > '}, controls, non-ASCII) in the query; existing
 * escapes and a {@code %} that starts none are left as they are;
 * <li>an empty query goes as none, as {@code fetch} sends it.
 * </ul>
 * No Java library implements the WHATWG URL Standard, and {@link java.net.URI} follows RFC 2396, so this is written
 * out here.
 *
 * <p>
 * Then one deliberate difference: every Jakarta REST client takes its request URI as a {@link java.net.URI}, which
 * cannot hold some characters the WHATWG serialisation leaves raw ({@code [ ] | ^} in the path; those and
 * {@code \ ` { }} in the query; a {@code %} that starts no escape). {@link #forJavaUri} percent-encodes them, which a
 * server decoding the path or query reads the same.
 */
final class UrlPath {

    private UrlPath() {
    }

    /**
     * The host of a destination URL, for spans: never its user info, port, path or query. {@code null} when it has
     * none that can be told.
     */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = url.length();
        for (char c : new char[]{'/', '?', '#', '\\'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int port = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':');
        String host = port > 0 ? authority.substring(0, port) : authority;
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    /**
     * The WHATWG serialisation of a path and optional query.
     *
     * @param input text starting with {@code /}, as it follows the base URL's origin
     * @return the serialised path, with {@code ?} and the query if the input has one; never a fragment
     */
    static String whatwg(String input) {
        String text = prepared(input);
        List<String> path = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int i = 1; // the leading '/' is the path start state's
        int length = text.length();
        String query = null;
        while (true) {
            int c = i < length ? text.codePointAt(i) : -1;
            if (c == -1 || c == '/' || c == '\\' || c == '?' || c == '#') {
                String segment = buffer.toString();
                boolean separator = c == '/' || c == '\\';
                if (isDoubleDot(segment)) {
                    if (!path.isEmpty()) {
                        path.remove(path.size() - 1);
                    }
                    if (!separator) {
                        path.add("");
                    }
                } else if (isSingleDot(segment)) {
                    if (!separator) {
                        path.add("");
                    }
                } else {
                    path.add(segment);
                }
                buffer.setLength(0);
                if (c == '?') {
                    int end = text.indexOf('#', i + 1);
                    query = encodeQuery(text.substring(i + 1, end < 0 ? length : end));
                    break;
                }
                if (c == -1 || c == '#') {
                    break;
                }
                i++;
                continue;
            }
            if (inPathSet(c)) {
                percentEncode(buffer, c);
            } else {
                buffer.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        StringBuilder out = new StringBuilder(input.length() + 16);
        for (String segment : path) {
            out.append('/').append(segment);
        }
        if (query != null && !query.isEmpty()) {
            out.append('?').append(query); // fetch sends an empty query as none (URL.search is "")
        }
        return out.toString();
    }

    /**
     * The WHATWG serialisation made acceptable to {@link java.net.URI}: characters it refuses in a path or query
     * (and a {@code %} that starts no escape) percent-encoded; everything else unchanged.
     */
    static String forJavaUri(String serialised) {
        StringBuilder out = null;
        for (int i = 0; i < serialised.length(); i++) {
            char c = serialised.charAt(i);
            boolean keep;
            if (c == '%') {
                keep = i + 2 < serialised.length() && isHex(serialised.charAt(i + 1))
                        && isHex(serialised.charAt(i + 2));
            } else if (c == '?') {
                keep = true;
            } else {
                keep = c < 0x80 && (Character.isLetterOrDigit(c) || "-_.!~*'();:@&=+$,/".indexOf(c) >= 0);
            }
            if (!keep && out == null) {
                out = new StringBuilder(serialised.length() + 16).append(serialised, 0, i);
            }
            if (out != null) {
                if (keep) {
                    out.append(c);
                } else {
                    percentEncode(out, c);
                }
            }
        }
        return out == null ? serialised : out.toString();
    }

    /** The basic URL parser's preparation: trailing C0 controls and spaces off, tabs and newlines out. */
    private static String prepared(String input) {
        int end = input.length();
        while (end > 0 && input.charAt(end - 1) <= 0x20) {
            end--;
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = input.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSingleDot(String segment) {
        return segment.equals(".") || segment.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        return lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e");
    }

    /** Node 20's path percent-encode set (the query set and {@code ? ` { }}). */
    private static boolean inPathSet(int c) {
        return c <= 0x20 || c > 0x7E || c == '"' || c == '#' || c == '<' || c == '>' || c == '?' || c == '`'
                || c == '{' || c == '}';
    }

    /** The special-query percent-encode set. */
    private static boolean inSpecialQuerySet(int c) {
        return c <= 0x20 || c > 0x7E || c == '"' || c == '#' || c == '<' || c == '>' || c == '\'';
    }

    private static String encodeQuery(String query) {
        StringBuilder out = new StringBuilder(query.length() + 16);
        for (int i = 0; i < query.length();) {
            int c = query.codePointAt(i);
            if (inSpecialQuerySet(c)) {
                percentEncode(out, c);
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** UTF-8, upper-case hex; a lone surrogate as U+FFFD, as JavaScript's conversion to a USVString makes it. */
    private static void percentEncode(StringBuilder out, int codePoint) {
        int c = Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF ? 0xFFFD : codePoint;
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
    }

    private static boolean isHex(char c) {
        return c < 0x80 && Character.digit(c, 16) >= 0;
    }
}
