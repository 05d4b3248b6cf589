package dev.qstash.jakarta.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link VerifyBenchmark} and reports each verification as a ratio to the floor measured in the same run, per
 * body size. {@code --quick=true} makes it a short smoke run.
 */
public final class VerifyBench {

    private VerifyBench() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick=true");
        Options options = new OptionsBuilder()
                .include(VerifyBenchmark.class.getName())
                .forks(quick ? 1 : 2)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Map<String, double[]>> bySize = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String size = result.getParams().getParam("bodySize");
            bySize.computeIfAbsent(size, s -> new TreeMap<>()).put(name, new double[]{
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
        }
        System.out.println();
        System.out.println(
                "Verification of one delivery, ns/op (99.9% error), and its ratio to the floor in the same run");
        bySize.forEach((size, scores) -> {
            double floor = scores.get("floor")[0];
            System.out.printf("  body %6s bytes: floor (1 HMAC-SHA256 + 1 SHA-256) %,10.0f ± %,.0f%n", size, floor,
                    scores.get("floor")[1]);
            for (String name : new String[]{"verifyCurrent", "verifyNext", "verifyWhileReading", "jose4jJws",
                    "macJose4j", "macCloned", "tokenOnly", "tokenThenFloorHash", "floorAfterAlloc"}) {
                double[] score = scores.get(name);
                System.out.printf("                     %-18s %,10.0f ± %,.0f   = %.2f × floor%n", name, score[0],
                        score[1], score[0] / floor);
            }
        });
    }
}
