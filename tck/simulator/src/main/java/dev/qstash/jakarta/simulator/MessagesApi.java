package dev.qstash.jakarta.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/** Messages, {@code /v2/messages}: get and cancel one, cancel by ids or filter. */
final class MessagesApi {

    private final SimulatorState state;
    private final DeliveryEngine engine;

    MessagesApi(SimulatorState state, DeliveryEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    Answer handle(ApiRequest r) {
        if (r.path().size() == 3 && (r.method().equals("GET") || r.method().equals("DELETE"))) {
            SimMessage message = state.message(r.segment(2));
            if (message == null) {
                throw new ApiError(404, "message " + r.segment(2) + " not found");
            }
            if (r.method().equals("GET")) {
                return new Answer(200, state.messageJson(message));
            }
            engine.cancel(message);
            return new Answer(200, Map.of("cancelled", 1));
        }
        if (r.is("DELETE", 2)) {
            List<String> ids = r.query().get("messageIds");
            Predicate<SimMessage> filter = ids != null
                    ? m -> ids.contains(m.id)
                    : m -> r.matches("url", m.url) && r.matches("topicName", m.urlGroup)
                            && r.matches("queueName", m.queue) && r.labelMatches(m.options.labels);
            List<SimMessage> cancelled = state.messages(filter);
            cancelled.forEach(engine::cancel);
            return new Answer(200, Map.of("cancelled", cancelled.size()));
        }
        throw r.notFound();
    }
}
