package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * The simulator's own endpoints (not QStash's), behind the same token: {@code GET /simulator/clock} answers
 * {@code {"now": <epoch ms>}}; {@code POST /simulator/clock/advance?by=D} moves the clock forward by {@code D}
 * ({@code 90s}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT1H}) and answers the new time the same way.
 */
final class ClockApi {

    private final SimClock clock;

    ClockApi(SimClock clock) {
        this.clock = clock;
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 2) && r.segment(1).equals("clock")) {
            return new Answer(200, Map.of("now", clock.millis()));
        }
        if (r.is("POST", 3) && r.segment(1).equals("clock") && r.segment(2).equals("advance")) {
            String by = r.queryValue("by");
            if (by == null) {
                throw new ApiError(400, "advance needs ?by=<duration>, for example ?by=1h30m");
            }
            Duration duration = Durations.parse(by);
            if (duration == null) {
                try {
                    duration = Duration.parse(by);
                } catch (DateTimeParseException e) {
                    throw new ApiError(400, "invalid duration: " + by + " (use 90s, 1h30m, 2d or PT1H)");
                }
            }
            if (duration.isNegative()) {
                throw new ApiError(400, "the clock only moves forward, got " + by);
            }
            clock.advance(duration);
            return new Answer(200, Map.of("now", clock.millis()));
        }
        throw r.notFound();
    }
}
