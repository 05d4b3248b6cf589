package dev.qstash.jakarta.impl.jaxrs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qstash.jakarta.QStashCallback;

/**
 * Reads a {@link QStashCallback} from QStash's callback JSON ({@code status, header, body} (base64),
 * {@code retried, maxRetries, sourceMessageId, topicName, endpointName, url, method, sourceHeader, sourceBody}
 * (base64), {@code notBefore, createdAt} (epoch ms), {@code scheduleId, callerIP}, and {@code dlqId} on failure
 * callbacks). Unknown fields are ignored; anything else that does not fit is a 400 naming the field, never a stack
 * trace. Registered by the implementation itself, in every application. It names {@code application/json} as well as
 * any type, so that for a JSON body it ties with the runtime's own JSON reader on media type, and wins as the
 * application's provider.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class CallbackReader implements MessageBodyReader<QStashCallback> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == QStashCallback.class;
    }

    @Override
    public QStashCallback readFrom(Class<QStashCallback> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> httpHeaders, InputStream entity) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(entity);
        } catch (JacksonException e) {
            throw malformed("the body is not JSON (" + e.getOriginalMessage() + ")");
        }
        return parse(root);
    }

    /** The callback {@code root} describes. */
    static QStashCallback parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw malformed("the body is not a JSON object");
        }
        return new QStashCallback(integer(root, "status"), headers(root, "header"), base64(root, "body"),
                integer(root, "retried"), integer(root, "maxRetries"), text(root, "sourceMessageId"),
                optionalText(root, "topicName"), optionalText(root, "endpointName"), text(root, "url"),
                text(root, "method"), headers(root, "sourceHeader"), base64(root, "sourceBody"),
                instant(root, "notBefore"), instant(root, "createdAt"), optionalText(root, "scheduleId"),
                optionalText(root, "callerIP"), optionalText(root, "dlqId"));
    }

    static BadRequestException malformed(String reason) {
        String message = "Malformed QStash callback: " + reason;
        return new BadRequestException(message,
                Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build());
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static int integer(JsonNode root, String name) {
        JsonNode node = field(root, name);
        if (node == null) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw malformed("\"" + name + "\" must be an integer");
        }
        return node.intValue();
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = field(root, name);
        if (node == null) {
            return "";
        }
        if (!node.isTextual()) {
            throw malformed("\"" + name + "\" must be a string");
        }
        return node.textValue();
    }

    private static Optional<String> optionalText(JsonNode root, String name) {
        return Optional.of(text(root, name)).filter(s -> !s.isEmpty());
    }

    private static byte[] base64(JsonNode root, String name) {
        String value = text(root, name);
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed("\"" + name + "\" is not base64");
        }
    }

    private static Optional<Instant> instant(JsonNode root, String name) {
        JsonNode node = field(root, name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw malformed("\"" + name + "\" must be epoch milliseconds");
        }
        return node.longValue() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(node.longValue()));
    }

    private static Map<String, List<String>> headers(JsonNode root, String name) {
        JsonNode node = field(root, name);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw malformed("\"" + name + "\" must be an object of header names to values");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            List<String> values = new ArrayList<>();
            JsonNode value = header.getValue();
            if (value.isTextual()) {
                values.add(value.textValue());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        throw malformed("\"" + name + "\"." + header.getKey() + " must hold strings");
                    }
                    values.add(item.textValue());
                }
            } else if (!value.isNull()) {
                throw malformed("\"" + name + "\"." + header.getKey() + " must be a string or an array of strings");
            }
            headers.put(header.getKey(), Collections.unmodifiableList(values));
        }
        return Collections.unmodifiableMap(headers);
    }
}
