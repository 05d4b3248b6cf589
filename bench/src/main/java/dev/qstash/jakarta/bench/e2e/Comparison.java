package dev.qstash.jakarta.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The rounds measured for one body size, and the row of the results table they make. The ratio reported is the median
 * of the rounds' ratios: each round's two runs are back to back, so its ratio survives a change in the machine's load
 * between rounds, which the ratio of the two medians would not.
 */
record Comparison(int bodySize, List<Comparison.Round> rounds) {

    /** Unsigned and signed, measured back to back. */
    record Round(Wrk.Run unsigned, Wrk.Run signed) {

        double ratio() {
            return signed.perSecond() / unsigned.perSecond();
        }

        long failed() {
            return unsigned.failed() + signed.failed();
        }
    }

    static final String TABLE_HEADER = """
            | body | unsigned, req/s (median) | signed, req/s (median) | signed / unsigned (median of rounds) \
            | per round | failed requests |
            |---|---:|---:|---:|---|---:|
            """;

    long failed() {
        return rounds.stream().mapToLong(Round::failed).sum();
    }

    String tableRow() {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %s | %d |%n", size(bodySize),
                median(round -> round.unsigned().perSecond()), median(round -> round.signed().perSecond()),
                median(Round::ratio), rounds.stream().map(round -> String.format(Locale.ROOT, "%.3f", round.ratio()))
                        .collect(Collectors.joining(" ")),
                failed());
    }

    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private double median(ToDoubleFunction<Round> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
