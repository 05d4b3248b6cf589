package dev.qstash.jakarta.impl.publish;

import java.util.Map;

/**
 * The entity of a {@link QStashApi} call. {@link QStashClientFilter} unpacks it: it appends {@link #destination()}
 * to the request path, sets the headers, and replaces the entity by the raw body. This carries what a MicroProfile
 * Rest Client interface cannot express portably: a destination URL with its own query string kept as the request's
 * query string (as the official SDK sends it), and a set of {@code Upstash-*} headers that differs per message.
 *
 * @param destination the already-encoded path suffix, or {@code null}
 * @param headers wire headers, lower-case names
 * @param body the raw body, or {@code null} for none
 * @param contentType the body's content type, or {@code null} for none
 */
record ApiCall(String destination, Map<String, String> headers, byte[] body, String contentType) {

    @Override
    public String toString() {
        return "ApiCall[" + (body == null ? "no body" : body.length + " bytes") + "]";
    }
}
