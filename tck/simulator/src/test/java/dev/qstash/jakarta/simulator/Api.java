package dev.qstash.jakarta.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Raw HTTP calls to a simulator's API, as any client would make them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json, String text) {
    }

    private Api() {
    }

    static Answer call(QStashSimulator sim, String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.url() + path))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!ownAuthorization) {
            b.header("Authorization", "Bearer " + sim.token());
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode json = text.isEmpty() ? null : JSON.readTree(text);
        return new Answer(response.statusCode(), json, text);
    }

    static Answer publish(QStashSimulator sim, String destination, String body, String... headers)
            throws Exception {
        return call(sim, "POST", "/v2/publish/" + destination, body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
