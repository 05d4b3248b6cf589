package dev.qstash.jakarta.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A schedule: its message is published on every match of a Unix cron expression (cron-utils), in UTC or the zone of
 * a {@code CRON_TZ=} prefix, measured on the simulator's clock.
 */
final class SimSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    final String id;
    final String cron;
    final String destination;
    final String queue;
    final SimMessage.Options options;
    final byte[] body;
    final long createdAt;
    private final ExecutionTime executionTime;
    private final ZoneId zone;
    boolean paused;
    long lastFire;
    long nextFire;
    final Map<String, String> lastStates = new LinkedHashMap<>();

    SimSchedule(String id, String cron, String destination, String queue, SimMessage.Options options, byte[] body,
            long now) {
        this.id = id;
        this.cron = cron;
        this.destination = destination;
        this.queue = queue;
        this.options = options;
        this.body = body;
        this.createdAt = now;
        String fields = cron;
        ZoneId zoneId = ZoneOffset.UTC;
        if (cron.startsWith("CRON_TZ=")) {
            int space = cron.indexOf(' ');
            try {
                zoneId = ZoneId.of(cron.substring("CRON_TZ=".length(), space));
            } catch (RuntimeException e) {
                throw new ApiError(400, "invalid cron: unknown time zone in " + cron);
            }
            fields = cron.substring(space + 1);
        }
        this.zone = zoneId;
        try {
            this.executionTime = ExecutionTime.forCron(PARSER.parse(fields));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid cron: " + e.getMessage());
        }
        this.nextFire = next(now);
    }

    /** The first match strictly after {@code millis}, in unix milliseconds. */
    long next(long millis) {
        ZonedDateTime after = Instant.ofEpochMilli(millis).atZone(zone);
        return executionTime.nextExecution(after).map(t -> t.toInstant().toEpochMilli()).orElse(Long.MAX_VALUE);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scheduleId", id);
        json.put("cron", cron);
        json.put("createdAt", createdAt);
        json.put("destination", destination);
        SimMessage.putRequest(json, options, body);
        json.put("retries", options.retries);
        if (options.delay != null) {
            json.put("delay", options.delay.toSeconds());
        }
        if (options.callback != null) {
            json.put("callback", options.callback);
        }
        if (options.failureCallback != null) {
            json.put("failureCallback", options.failureCallback);
        }
        json.put("isPaused", paused);
        if (queue != null) {
            json.put("queueName", queue);
        }
        SimMessage.putFlowControl(json, options);
        if (!options.labels.isEmpty()) {
            json.put("labels", options.labels);
        }
        if (lastFire > 0) {
            json.put("lastScheduleTime", lastFire);
            json.put("lastScheduleStates", lastStates);
        }
        json.put("nextScheduleTime", nextFire);
        return json;
    }
}
