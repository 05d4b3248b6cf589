package dev.qstash.jakarta.simulator;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/** Queues, {@code /v2/queues}: upsert, get with {@code lag}, list, delete, pause, resume. */
final class QueuesApi {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final SimulatorState state;
    private final DeliveryEngine engine;

    QueuesApi(SimulatorState state, DeliveryEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 2)) {
            return new Answer(200, state.queuesJson());
        }
        if (r.is("POST", 2)) {
            JsonNode json = r.json();
            String name = json.path("queueName").asText("");
            if (!NAME.matcher(name).matches()) {
                throw new ApiError(400, "invalid queue name: only letters, digits, '.', '_' and '-' are allowed");
            }
            int parallelism = json.path("parallelism").asInt(1);
            if (parallelism < 1) {
                throw new ApiError(400, "parallelism must be at least 1");
            }
            engine.start(state.upsertQueue(name, parallelism, json.path("paused").asBoolean(false)));
            return Answer.ok();
        }
        if (r.is("GET", 3)) {
            return new Answer(200, state.queueJson(r.segment(2)));
        }
        if (r.is("DELETE", 3)) {
            state.deleteQueue(r.segment(2));
            return Answer.ok();
        }
        if (r.is("POST", 4) && (r.segment(3).equals("pause") || r.segment(3).equals("resume"))) {
            engine.start(state.pauseQueue(r.segment(2), r.segment(3).equals("pause")));
            return Answer.ok();
        }
        throw r.notFound();
    }
}
