package dev.qstash.jakarta.bench.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The rounds measured for one body size, and the row of the results table they make. The ratios reported are medians
 * of the rounds' ratios: each round's two runs are back to back, so its ratio survives a change in the machine's load
 * between rounds, which the ratio of the two medians would not. Requests per second of server CPU is the steadier
 * measure when other processes take a share of the cores; the cores the server got show how much they took.
 */
record Comparison(int bodySize, List<Comparison.Round> rounds) {

    /** One endpoint under load: what wrk saw, and the CPU time the server spent meanwhile. */
    record Run(Wrk.Result load, Duration serverCpu) {

        double perSecond() {
            return load.perSecond();
        }

        double perServerCpuSecond() {
            return load.requests() / seconds(serverCpu);
        }

        double serverCores() {
            return seconds(serverCpu) / load.seconds();
        }
    }

    /** Unsigned and signed, measured back to back. */
    record Round(Run unsigned, Run signed) {

        double ratio() {
            return signed.perSecond() / unsigned.perSecond();
        }

        double cpuRatio() {
            return signed.perServerCpuSecond() / unsigned.perServerCpuSecond();
        }

        long failed() {
            return unsigned.load().failed() + signed.load().failed();
        }
    }

    static final String TABLE_HEADER = """
            | body | unsigned, req/s | signed, req/s | signed / unsigned | per round | signed / unsigned, \
            per server CPU-second | server cores | failed requests |
            |---|---:|---:|---:|---|---:|---:|---:|
            """;

    long failed() {
        return rounds.stream().mapToLong(Round::failed).sum();
    }

    String tableRow() {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %s | %.3f | %.2f | %d |%n", size(bodySize),
                median(round -> round.unsigned().perSecond()), median(round -> round.signed().perSecond()),
                median(Round::ratio), rounds.stream().map(round -> String.format(Locale.ROOT, "%.3f", round.ratio()))
                        .collect(Collectors.joining(" ")),
                median(Round::cpuRatio), median(rounds.stream().flatMap(round -> List.of(round.unsigned(),
                        round.signed()).stream()).mapToDouble(Run::serverCores)),
                failed());
    }

    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private double median(ToDoubleFunction<Round> value) {
        return median(rounds.stream().mapToDouble(value));
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
