package dev.qstash.jakarta.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The rounds measured for one body size, and the row of the results table they make. */
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
            | body | unsigned, req/s (median) | signed, req/s (median) | signed / unsigned | per round | failed requests |
            |---|---:|---:|---:|---|---:|
            """;

    double unsignedMedian() {
        return median(round -> round.unsigned().perSecond());
    }

    double signedMedian() {
        return median(round -> round.signed().perSecond());
    }

    long failed() {
        return rounds.stream().mapToLong(Round::failed).sum();
    }

    String tableRow() {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %s | %d |%n", size(bodySize),
                unsignedMedian(), signedMedian(), signedMedian() / unsignedMedian(), rounds.stream()
                        .map(round -> String.format(Locale.ROOT, "%.3f", round.ratio()))
                        .collect(Collectors.joining(" ")),
                failed());
    }

    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private double median(ToDoubleFunction<Round> perSecond) {
        double[] sorted = rounds.stream().mapToDouble(perSecond).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
