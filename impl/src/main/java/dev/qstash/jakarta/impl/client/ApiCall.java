package dev.qstash.jakarta.impl.client;

import java.util.Map;

/**
 * The entity of a {@link QStashApi} call. {@link QStashClientFilter} unpacks it: it sets the HTTP method, appends
 * {@link #path()} to the request URI, sets the headers, and replaces the entity by the raw body. This carries what a
 * MicroProfile Rest Client interface cannot express portably:
 * <ul>
 * <li>a destination URL with its own query string kept as the request's query string, as the official SDK sends it;
 * <li>{@code Upstash-*} headers that differ per message;
 * <li>query parameters in the SDK's order and form encoding;
 * <li>methods whose entity rules differ between clients: Jersey refuses to build a {@code GET} or {@code DELETE} with
 * an entity and a {@code PATCH} without one, which removing URL-group endpoints ({@code DELETE} with a JSON body) and
 * pausing a schedule ({@code PATCH} without a body) need. Every call is therefore built as a {@code POST} and gets its
 * real method in the filter, after the client's checks.
 * </ul>
 *
 * @param method the HTTP method on the wire
 * @param path the already-encoded suffix of the interface method's path, with any query string, or {@code ""}
 * @param headers wire headers, lower-case names
 * @param body the raw body, or {@code null} for none
 * @param contentType the body's content type, or {@code null}; sent even without a body when set
 */
public record ApiCall(String method, String path, Map<String, String> headers, byte[] body, String contentType) {

    /** A call without headers or body. */
    static ApiCall of(String method, String path) {
        return new ApiCall(method, path, Map.of(), null, null);
    }

    /** A call with a JSON body. */
    static ApiCall json(String method, String path, byte[] json) {
        return new ApiCall(method, path, Map.of(), json, WireFormat.JSON);
    }

    /**
     * What the call does, for log lines and errors: the method and the first path segment, never a destination URL
     * or query (they may hold secrets).
     */
    String describe() {
        int end = path.length();
        for (char c : new char[]{'/', '?'}) {
            int i = path.indexOf(c, 1);
            if (i > 0 && i < end) {
                end = i;
            }
        }
        return method + " /v2" + path.substring(0, end);
    }

    @Override
    public String toString() {
        return "ApiCall[" + describe() + ", " + (body == null ? "no body" : body.length + " bytes") + "]";
    }
}
