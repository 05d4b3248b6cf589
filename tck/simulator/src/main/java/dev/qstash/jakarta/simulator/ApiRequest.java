package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API request as the areas of the API read it: method, path (raw and as decoded segments), query, headers (names
 * lower-case) and body; with the helpers they share (numbers, filters, pages, JSON).
 */
record ApiRequest(String method, String rawPath, String rawQuery, List<String> path, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body) {

    /** The largest page, and the largest bulk step. */
    static final int MAX_PAGE = 100;

    /** An answer: a status and what becomes its JSON body ({@code null} for none). */
    record Answer(int status, Object json) {

        static Answer ok() {
            return new Answer(200, null);
        }
    }

    static ApiRequest of(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        return new ApiRequest(method, rawPath, rawQuery, segments(rawPath), query(rawQuery), headers, body);
    }

    boolean is(String method, int segments) {
        return this.method.equals(method) && path.size() == segments;
    }

    String segment(int i) {
        return path.get(i);
    }

    /** The path after {@code prefix} with the query string, as QStash reads a destination. */
    String destinationAfter(String prefix) {
        return rawPath.substring(prefix.length()) + (rawQuery == null ? "" : "?" + rawQuery);
    }

    ApiError notFound() {
        return new ApiError(404, "no such endpoint: " + method + " " + rawPath);
    }

    String header(String name) {
        return first(headers, name);
    }

    String queryValue(String name) {
        return first(query, name);
    }

    long number(String name, long otherwise) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid " + name + ": " + values.get(0));
        }
    }

    JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "body is not valid JSON");
        }
    }

    /** Multi-value filters; the SDK repeats a parameter, the docs also allow commas. */
    boolean matches(String name, String value) {
        List<String> wanted = query.get(name);
        if (wanted == null) {
            return true;
        }
        for (String w : wanted) {
            for (String one : w.split(",")) {
                if (one.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean labelMatches(List<String> labels) {
        return query.get("label") == null || labels.stream().anyMatch(l -> matches("label", l));
    }

    record Page<T>(List<T> items, Optional<String> cursor) {
    }

    /** Offset cursors: {@code cursor} is where the page starts, {@code count} its size (at most 100). */
    <T> Page<T> page(List<T> all) {
        int start = (int) number("cursor", 0);
        int count = (int) Math.min(MAX_PAGE, Math.max(1, number("count", MAX_PAGE)));
        int end = Math.min(all.size(), start + count);
        List<T> items = start >= all.size() ? List.of() : all.subList(start, end);
        return new Page<>(List.copyOf(items), end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
    }

    static String first(Map<String, List<String>> map, String name) {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
