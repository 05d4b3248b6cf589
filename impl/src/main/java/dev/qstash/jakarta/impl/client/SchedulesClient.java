package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.manage.Schedule;
import dev.qstash.jakarta.manage.ScheduleRequest;
import dev.qstash.jakarta.manage.Schedules;

/** {@code /v2/schedules}. */
final class SchedulesClient implements Schedules {

    private final Transport transport;
    private final WireFormat wire;

    SchedulesClient(Transport transport, WireFormat wire) {
        this.transport = transport;
        this.wire = wire;
    }

    @Override
    public CompletionStage<String> createAsync(ScheduleRequest request) {
        Objects.requireNonNull(request, "request");
        return transport.toDestination(wire.scheduleCall(request), response -> {
            String id = Records.text(Responses.json(response), "scheduleId");
            if (id == null) {
                throw new QStashException("QStash's answer to creating a schedule has no scheduleId");
            }
            return id;
        });
    }

    @Override
    public CompletionStage<Schedule> getAsync(String scheduleId) {
        return transport.json(ApiCall.of("GET", "/schedules/" + segment(scheduleId, "Schedule id")),
                Records::schedule);
    }

    @Override
    public CompletionStage<List<Schedule>> listAsync() {
        return transport.json(ApiCall.of("GET", "/schedules"), n -> Records.list(n, Records::schedule));
    }

    @Override
    public CompletionStage<Void> deleteAsync(String scheduleId) {
        return transport.empty(ApiCall.of("DELETE", "/schedules/" + segment(scheduleId, "Schedule id")));
    }

    @Override
    public CompletionStage<Void> pauseAsync(String scheduleId) {
        return transport.empty(ApiCall.of("PATCH", "/schedules/" + segment(scheduleId, "Schedule id") + "/pause"));
    }

    @Override
    public CompletionStage<Void> resumeAsync(String scheduleId) {
        return transport.empty(ApiCall.of("PATCH", "/schedules/" + segment(scheduleId, "Schedule id") + "/resume"));
    }
}
