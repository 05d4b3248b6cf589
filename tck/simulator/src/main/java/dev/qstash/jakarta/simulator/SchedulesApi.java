package dev.qstash.jakarta.simulator;

import java.util.Map;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * Schedules, {@code /v2/schedules}: create with {@code Upstash-Cron} (id upsert, queue), get, list, delete,
 * {@code PATCH} pause and resume; and firing the due ones on the simulator's clock.
 */
final class SchedulesApi {

    private final SimulatorState state;
    private final PublishApi publishing;

    SchedulesApi(SimulatorState state, PublishApi publishing) {
        this.state = state;
        this.publishing = publishing;
    }

    Answer create(ApiRequest r) {
        String destination = r.destinationAfter("/v2/schedules/");
        String cron = r.header("Upstash-Cron");
        if (cron == null || cron.isBlank()) {
            throw new ApiError(400, "Upstash-Cron header is required");
        }
        publishing.resolve(destination);
        String id = r.header("Upstash-Schedule-Id");
        if (id == null) {
            id = "scd_" + QStashTokens.random(26);
        } else if (!QueuesApi.NAME.matcher(id).matches()) {
            throw new ApiError(400, "invalid schedule id: only letters, digits, '.', '_' and '-' are allowed");
        }
        state.putSchedule(new SimSchedule(id, cron, destination, r.header("Upstash-Queue-Name"),
                SimMessage.Options.parse(r.headers()), r.body(), state.clock().millis()));
        return new Answer(200, Map.of("scheduleId", id));
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 2)) {
            return new Answer(200, state.schedulesJson());
        }
        if (r.is("GET", 3)) {
            return new Answer(200, state.scheduleJson(r.segment(2)));
        }
        if (r.is("DELETE", 3)) {
            state.deleteSchedule(r.segment(2));
            return Answer.ok();
        }
        if (r.is("PATCH", 4) && (r.segment(3).equals("pause") || r.segment(3).equals("resume"))) {
            state.pauseSchedule(r.segment(2), r.segment(3).equals("pause"));
            return Answer.ok();
        }
        throw r.notFound();
    }

    /** Publishes the message of every schedule due at {@code now} (the simulator's clock), once per match. */
    void fireDue(long now) {
        for (SimSchedule schedule : state.dueSchedules(now)) {
            try {
                PublishApi.Publish publish = publishing.publish(publishing.resolve(schedule.destination),
                        schedule.queue, schedule.options, schedule.body, schedule.id);
                state.scheduleFired(schedule, publish.messages().stream().map(SimulatorState.Published::messageId)
                        .toList());
            } catch (ApiError e) {
                state.scheduleFailed(schedule, e.getMessage());
            }
        }
    }
}
