package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.manage.Endpoint;
import dev.qstash.jakarta.manage.UrlGroup;
import dev.qstash.jakarta.manage.UrlGroups;

/** {@code /v2/topics}: URL groups keep their old name in the API. */
final class UrlGroupsClient implements UrlGroups {

    private final Transport transport;

    UrlGroupsClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<Void> addEndpointsAsync(String name, List<Endpoint> endpoints) {
        for (Endpoint endpoint : Objects.requireNonNull(endpoints, "endpoints")) {
            if (endpoint.url() == null) {
                throw new IllegalArgumentException("an endpoint to add needs a URL: " + endpoint);
            }
        }
        return transport.empty(ApiCall.json("POST", path(name), endpoints(endpoints)));
    }

    @Override
    public CompletionStage<Void> removeEndpointsAsync(String name, List<Endpoint> endpoints) {
        return transport.empty(ApiCall.json("DELETE", path(name), endpoints(endpoints)));
    }

    private static String path(String name) {
        return "/topics/" + segment(name, "Url group name") + "/endpoints";
    }

    /** {@code {"endpoints":[{"name"?, "url"?}]}}, the SDK's member order. */
    private static byte[] endpoints(List<Endpoint> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints cannot be empty");
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Map<String, String> entry = new LinkedHashMap<>();
            if (endpoint.name() != null) {
                entry.put("name", endpoint.name());
            }
            if (endpoint.url() != null) {
                entry.put("url", endpoint.url());
            }
            list.add(entry);
        }
        return Json.write(Map.of("endpoints", list));
    }

    @Override
    public CompletionStage<UrlGroup> getAsync(String name) {
        return transport.json(ApiCall.of("GET", "/topics/" + segment(name, "Url group name")), Records::urlGroup);
    }

    @Override
    public CompletionStage<List<UrlGroup>> listAsync() {
        return transport.json(ApiCall.of("GET", "/topics"), n -> Records.list(n, Records::urlGroup));
    }

    @Override
    public CompletionStage<Void> deleteAsync(String name) {
        return transport.empty(ApiCall.of("DELETE", "/topics/" + segment(name, "Url group name")));
    }
}
