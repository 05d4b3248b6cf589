package dev.qstash.jakarta.impl.client;

import java.net.URI;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/** Adds the bearer token to every call and unpacks {@link ApiCall} entities. One instance per publisher. */
final class QStashClientFilter implements ClientRequestFilter {

    private static final byte[] EMPTY = new byte[0];

    private final String authorization;

    QStashClientFilter(String token) {
        this.authorization = "Bearer " + token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        MultivaluedMap<String, Object> headers = request.getHeaders();
        if (!headers.containsKey(HttpHeaders.AUTHORIZATION)) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (!(request.getEntity() instanceof ApiCall call)) {
            return;
        }
        if (!call.path().isEmpty()) {
            request.setUri(URI.create(request.getUri().toString() + call.path()));
        }
        if (!call.method().equals(request.getMethod())) {
            request.setMethod(call.method());
        }
        call.headers().forEach(headers::putSingle);
        if (call.body() == null && call.contentType() == null) {
            request.setEntity(null);
            headers.remove(HttpHeaders.CONTENT_TYPE);
        } else {
            byte[] body = call.body() == null ? EMPTY : call.body();
            request.setEntity(body, request.getEntityAnnotations(), MediaType.valueOf(call.contentType()));
            // the exact text, not the runtime's rendering of the MediaType
            headers.putSingle(HttpHeaders.CONTENT_TYPE, call.contentType());
        }
    }

    @Override
    public String toString() {
        return "QStashClientFilter"; // never the token
    }
}
