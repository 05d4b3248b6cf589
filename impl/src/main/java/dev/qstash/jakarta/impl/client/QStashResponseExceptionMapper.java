package dev.qstash.jakarta.impl.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.QStashRateLimitException.Kind;

/**
 * Turns every answer outside 200-299 into a {@link QStashApiException} carrying QStash's {@code error} text, and 429
 * into a {@link QStashRateLimitException}: daily quota when {@code RateLimit-Limit} is present, else the burst limit
 * (the official SDK's order).
 */
public class QStashResponseExceptionMapper implements ResponseExceptionMapper<QStashApiException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status < 200 || status >= 300;
    }

    @Override
    public QStashApiException toThrowable(Response response) {
        int status = response.getStatus();
        String error = errorText(response);
        if (status != 429) {
            return new QStashApiException(status, error);
        }
        if (response.getHeaderString("RateLimit-Limit") != null) {
            return new QStashRateLimitException(error, Kind.DAILY, number(response, "RateLimit-Limit"),
                    number(response, "RateLimit-Remaining"), number(response, "RateLimit-Reset"));
        }
        return new QStashRateLimitException(error, Kind.BURST, number(response, "Burst-RateLimit-Limit"),
                number(response, "Burst-RateLimit-Remaining"), number(response, "Burst-RateLimit-Reset"));
    }

    private static String errorText(Response response) {
        String body;
        try {
            byte[] bytes = response.readEntity(byte[].class); // whatever the content type, or none
            body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        } catch (RuntimeException unreadable) {
            body = "";
        }
        if (body.isBlank()) {
            return "Error: status=" + response.getStatus();
        }
        try {
            JsonNode error = Json.MAPPER.readTree(body).get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // the raw text is the best explanation there is
        }
        return body;
    }

    private static OptionalLong number(Response response, String header) {
        String value = response.getHeaderString(header);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
