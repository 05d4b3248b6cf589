package dev.qstash.jakarta.impl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The official SDK's recorded vectors, kept unchanged in {@code impl/src/test/resources/vectors}. */
public final class Vectors {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /vectors/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    public static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /** A vector body: {@code {encoding: utf8|base64, value}}. */
    public static byte[] body(JsonNode body) {
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        String value = body.get("value").asText();
        return "base64".equals(body.get("encoding").asText())
                ? Base64.getDecoder().decode(value)
                : value.getBytes(StandardCharsets.UTF_8);
    }
}
