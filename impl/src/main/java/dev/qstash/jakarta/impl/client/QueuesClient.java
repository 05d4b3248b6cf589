package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import dev.qstash.jakarta.manage.Queue;
import dev.qstash.jakarta.manage.Queues;

/** {@code /v2/queues}. */
final class QueuesClient implements Queues {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Transport transport;

    QueuesClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<Void> upsertAsync(String queueName, int parallelism, boolean paused) {
        if (queueName == null || !NAME.matcher(queueName).matches()) {
            throw new IllegalArgumentException(
                    "queue name may hold only letters, digits, '.', '_' and '-', got " + queueName);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("queue parallelism must be at least 1, got " + parallelism);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queueName", queueName);
        body.put("parallelism", parallelism);
        body.put("paused", paused);
        return transport.empty(ApiCall.json("POST", "/queues", Json.write(body)));
    }

    @Override
    public CompletionStage<Queue> getAsync(String queueName) {
        return transport.json(ApiCall.of("GET", "/queues/" + segment(queueName, "Queue name")), Records::queue);
    }

    @Override
    public CompletionStage<List<Queue>> listAsync() {
        return transport.json(ApiCall.of("GET", "/queues"), n -> Records.list(n, Records::queue));
    }

    @Override
    public CompletionStage<Void> deleteAsync(String queueName) {
        return transport.empty(ApiCall.of("DELETE", "/queues/" + segment(queueName, "Queue name")));
    }

    @Override
    public CompletionStage<Void> pauseAsync(String queueName) {
        return transport.empty(ApiCall.of("POST", "/queues/" + segment(queueName, "Queue name") + "/pause"));
    }

    @Override
    public CompletionStage<Void> resumeAsync(String queueName) {
        return transport.empty(ApiCall.of("POST", "/queues/" + segment(queueName, "Queue name") + "/resume"));
    }
}
