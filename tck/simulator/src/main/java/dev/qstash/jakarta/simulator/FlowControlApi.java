package dev.qstash.jakarta.simulator;

import java.util.Map;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * Flow control, {@code /v2/flowControl/{key}}: get, pause, resume, pin, unpin, resetRate; and
 * {@code GET /v2/globalParallelism}.
 */
final class FlowControlApi {

    private static final int GLOBAL_PARALLELISM = 100;

    private final SimulatorState state;
    private final DeliveryEngine engine;

    FlowControlApi(SimulatorState state, DeliveryEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    Answer globalParallelism(ApiRequest r) {
        if (!r.is("GET", 2)) {
            throw r.notFound();
        }
        return new Answer(200, Map.of("parallelismMax", GLOBAL_PARALLELISM, "parallelismCount", engine.inFlight()));
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 3)) {
            return new Answer(200, state.flowControlJson(r.segment(2)));
        }
        if (r.is("POST", 4)) {
            String key = r.segment(2);
            SimulatorState.FlowChange change = switch (r.segment(3)) {
                case "pause" -> flow -> flow.paused = true;
                case "resume" -> flow -> flow.paused = false;
                case "resetRate" -> flow -> flow.resetRate(state.clock().millis());
                case "pin" -> {
                    Integer parallelism = r.query().containsKey("parallelism")
                            ? (int) r.number("parallelism", 0)
                            : null;
                    Integer rate = r.query().containsKey("rate") ? (int) r.number("rate", 0) : null;
                    Long period = r.query().containsKey("period") ? r.number("period", 1) : null;
                    yield flow -> {
                        if (parallelism != null) {
                            flow.parallelismMax = parallelism;
                            flow.pinnedParallelism = true;
                        }
                        if (rate != null) {
                            flow.rateMax = rate;
                            flow.pinnedRate = true;
                        }
                        if (period != null) {
                            flow.ratePeriodSeconds = period;
                        }
                        flow.resetRate(state.clock().millis());
                    };
                }
                case "unpin" -> {
                    boolean parallelism = "true".equals(r.queryValue("parallelism"));
                    boolean rate = "true".equals(r.queryValue("rate"));
                    yield flow -> {
                        if (parallelism) {
                            flow.pinnedParallelism = false;
                        }
                        if (rate) {
                            flow.pinnedRate = false;
                        }
                    };
                }
                default -> throw r.notFound();
            };
            engine.resume(state.changeFlowControl(key, change));
            return Answer.ok();
        }
        throw r.notFound();
    }
}
