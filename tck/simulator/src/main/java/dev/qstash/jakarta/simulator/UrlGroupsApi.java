package dev.qstash.jakarta.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/** URL groups, {@code /v2/topics/...}: add and remove endpoints, get, list, delete. */
final class UrlGroupsApi {

    private final SimulatorState state;

    UrlGroupsApi(SimulatorState state) {
        this.state = state;
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 2)) {
            return new Answer(200, state.groupsJson());
        }
        if (r.is("GET", 3)) {
            return new Answer(200, state.groupJson(r.segment(2)));
        }
        if (r.is("DELETE", 3)) {
            state.deleteGroup(r.segment(2));
            return Answer.ok();
        }
        if ((r.is("POST", 4) || r.is("DELETE", 4)) && r.segment(3).equals("endpoints")) {
            boolean add = r.method().equals("POST");
            List<SimulatorState.Endpoint> endpoints = new ArrayList<>();
            for (JsonNode e : r.json().path("endpoints")) {
                String url = e.hasNonNull("url") ? e.get("url").asText() : null;
                String name = e.hasNonNull("name") ? e.get("name").asText() : null;
                if (add && (url == null || !Destinations.isUrl(url))) {
                    throw new ApiError(400, "invalid endpoint url: " + url);
                }
                if (url == null && name == null) {
                    throw new ApiError(400, "an endpoint needs a url or a name");
                }
                endpoints.add(new SimulatorState.Endpoint(name, url));
            }
            if (endpoints.isEmpty()) {
                throw new ApiError(400, "endpoints must not be empty");
            }
            if (add) {
                state.addEndpoints(r.segment(2), endpoints, state.clock().millis());
            } else {
                state.removeEndpoints(r.segment(2), endpoints, state.clock().millis());
            }
            return Answer.ok();
        }
        throw r.notFound();
    }
}
