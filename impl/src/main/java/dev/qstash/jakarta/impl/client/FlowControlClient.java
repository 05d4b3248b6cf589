package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.qstash.jakarta.FlowControl;
import dev.qstash.jakarta.manage.FlowControlState;
import dev.qstash.jakarta.manage.FlowControls;
import dev.qstash.jakarta.manage.GlobalParallelism;

/** {@code /v2/flowControl} and {@code /v2/globalParallelism}. */
final class FlowControlClient implements FlowControls {

    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private final Transport transport;

    FlowControlClient(Transport transport) {
        this.transport = transport;
    }

    private static String path(String key) {
        return "/flowControl/" + segment(key, "Flow control key");
    }

    @Override
    public CompletionStage<FlowControlState> getAsync(String key) {
        return transport.json(ApiCall.of("GET", path(key)), Records::flowControl);
    }

    @Override
    public CompletionStage<GlobalParallelism> globalParallelismAsync() {
        return transport.json(ApiCall.of("GET", "/globalParallelism"), Records::globalParallelism);
    }

    @Override
    public CompletionStage<Void> pauseAsync(String key) {
        return transport.empty(ApiCall.of("POST", path(key) + "/pause"));
    }

    @Override
    public CompletionStage<Void> resumeAsync(String key) {
        return transport.empty(ApiCall.of("POST", path(key) + "/resume"));
    }

    @Override
    public CompletionStage<Void> pinAsync(FlowControl limits) {
        Objects.requireNonNull(limits, "limits");
        if (!limits.hasLimit()) {
            throw new IllegalArgumentException("pinning " + limits.key()
                    + " needs at least one of parallelism, rate or period");
        }
        Query query = Query.path(path(limits.key()) + "/pin");
        if (limits.parallelism() != null) {
            query.add("parallelism", limits.parallelism());
        }
        if (limits.rate() != null) {
            query.add("rate", limits.rate());
        }
        if (limits.period() != null) {
            query.add("period", seconds(limits.period()));
        }
        return transport.empty(ApiCall.of("POST", query.toString()));
    }

    @Override
    public CompletionStage<Void> unpinAsync(String key, boolean parallelism, boolean rate) {
        if (!parallelism && !rate) {
            throw new IllegalArgumentException("unpinning " + key + " needs parallelism, rate or both");
        }
        Query query = Query.path(path(key) + "/unpin");
        if (parallelism) {
            query.add("parallelism", true);
        }
        if (rate) {
            query.add("rate", true);
        }
        return transport.empty(ApiCall.of("POST", query.toString()));
    }

    @Override
    public CompletionStage<Void> resetRateAsync(String key) {
        return transport.empty(ApiCall.of("POST", path(key) + "/resetRate"));
    }

    /** The pin endpoint takes the period in seconds; {@link FlowControl} holds it as QStash's duration text. */
    static long seconds(String period) {
        Matcher part = PART.matcher(period);
        long seconds = 0;
        int end = 0;
        while (part.lookingAt()) {
            long n = Long.parseLong(part.group(1));
            seconds += switch (part.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
            end = part.end();
            part.region(end, period.length());
        }
        if (end != period.length() || end == 0) {
            throw new IllegalArgumentException("flow-control period must look like 10s, 1m, 1h or 2d, got " + period);
        }
        return seconds;
    }
}
