package dev.qstash.jakarta.impl.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashException;

/** Parses QStash's answers with Jackson, tolerant of fields added later. */
final class Responses {

    private Responses() {
    }

    static PublishResponse single(Response response) {
        JsonNode node = json(response);
        return message(node.isArray() && node.size() == 1 ? node.get(0) : node);
    }

    /** A URL group answers with an array; a lone object is taken as an array of one, as the SDK does. */
    static List<PublishResponse> list(Response response) {
        return messages(json(response));
    }

    /** One list per batch entry: an object for a URL, an array for a URL group. */
    static List<List<PublishResponse>> batch(Response response) {
        JsonNode node = json(response);
        List<List<PublishResponse>> result = new ArrayList<>();
        for (JsonNode entry : node.isArray() ? node : List.of(node)) {
            result.add(messages(entry));
        }
        return result;
    }

    private static List<PublishResponse> messages(JsonNode node) {
        List<PublishResponse> result = new ArrayList<>();
        for (JsonNode entry : node.isArray() ? node : List.of(node)) {
            result.add(message(entry));
        }
        return List.copyOf(result);
    }

    private static PublishResponse message(JsonNode node) {
        JsonNode id = node.get("messageId");
        if (id == null || !id.isTextual()) {
            throw new QStashException("QStash's answer has no messageId: " + abbreviate(node.toString()));
        }
        JsonNode url = node.get("url");
        return new PublishResponse(id.asText(), url == null || url.isNull() ? null : url.asText(),
                node.path("deduplicated").asBoolean(false));
    }

    static JsonNode json(Response response) {
        try (response) {
            byte[] body = response.readEntity(byte[].class);
            JsonNode node = Json.MAPPER.readTree(body == null ? new byte[0] : body);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (IOException | RuntimeException e) {
            throw new QStashException("QStash's answer (status " + response.getStatus() + ") is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
