package dev.qstash.jakarta.bench.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashPublisher;

/**
 * Messages per second of a synchronous {@code publish} with 1 and with 16 in flight, the Java publisher (over
 * RESTEasy's MicroProfile Rest Client, as outside a server) against the official TypeScript SDK
 * ({@code @upstash/qstash} 2.12.0, Node), both against the same loopback stand-in ({@link StandIn}, its own process),
 * in one run. Each side runs alone: first the Java publisher, then Node, then Java again, so that a machine that gets
 * busier or quieter during the run shows as a difference between the two Java runs. The message: a 64-byte JSON body
 * to {@code https://app.example.com/api/receive} with a deduplication id.
 *
 * <p>
 * Arguments: {@code <path of bench/ts>} {@code --quick=true|false}.
 */
public final class PublishBench {

    static final String TOKEN = "qstash_bench_token_0000000000000000";
    static final String DESTINATION = "https://app.example.com/api/receive";
    static final String BODY = "{\"orderId\":1234567890,\"customer\":\"bench-customer\",\"total\":42.5000}";

    private PublishBench() {
    }

    /** Mean and standard deviation of messages per second over the rounds. */
    record Rate(double mean, double sd) {

        static Rate of(List<Double> rounds) {
            double mean = rounds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double variance = rounds.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(0);
            return new Rate(mean, Math.sqrt(variance));
        }
    }

    public static void main(String[] args) throws Exception {
        Path ts = Path.of(args[0]);
        boolean quick = args.length > 1 && args[1].equals("--quick=true");
        double seconds = quick ? 0.5 : 2;
        int rounds = quick ? 3 : 5;
        double warmup = quick ? 1 : 5;

        Process standIn = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
                StandIn.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(standIn.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("port=")) {
                throw new IllegalStateException("the stand-in did not start: " + ready);
            }
            String baseUrl = "http://127.0.0.1:" + ready.substring("port=".length());

            Map<String, Map<Integer, Rate>> results = new LinkedHashMap<>();
            results.put("java (1st run)", java(baseUrl, warmup, seconds, rounds));
            results.put("typescript", node(ts, baseUrl, warmup, seconds, rounds));
            results.put("java (2nd run)", java(baseUrl, warmup, seconds, rounds));

            System.out.println();
            System.out.printf("Synchronous publish against a loopback stand-in, messages/s (sd), Java %s, Node "
                    + "(see above); %s s rounds x %d after %s s warm-up%n", System.getProperty("java.version"),
                    seconds, rounds, warmup);
            for (int inFlight : new int[]{1, 16}) {
                Rate node = results.get("typescript").get(inFlight);
                System.out.printf("  %2d in flight: %-16s %,9.0f (%,.0f)   %6.1f us/publish%n", inFlight,
                        "typescript", node.mean(), node.sd(), 1e6 / node.mean() * inFlight);
                for (String run : new String[]{"java (1st run)", "java (2nd run)"}) {
                    Rate java = results.get(run).get(inFlight);
                    System.out.printf("                %-16s %,9.0f (%,.0f)   %6.1f us/publish   = %.2f x the "
                            + "TypeScript SDK%n", run, java.mean(), java.sd(), 1e6 / java.mean() * inFlight,
                            java.mean() / node.mean());
                }
            }
        } finally {
            standIn.destroy();
        }
    }

    private static Map<Integer, Rate> java(String baseUrl, double warmup, double seconds, int rounds)
            throws Exception {
        Map<Integer, Rate> rates = new LinkedHashMap<>();
        try (QStashPublisher publisher = QStashPublisher.builder().baseUrl(baseUrl).token(TOKEN).build()) {
            LongAdder ids = new LongAdder();
            Runnable publish = () -> {
                ids.increment();
                publisher.publish(PublishRequest.toUrl(DESTINATION).body(BODY).contentType("application/json")
                        .deduplicationId("bench-" + ids.sum()).build());
            };
            for (int inFlight : new int[]{1, 16}) {
                load(publish, inFlight, warmup);
                List<Double> perRound = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    perRound.add(load(publish, inFlight, seconds));
                }
                rates.put(inFlight, Rate.of(perRound));
            }
        }
        return rates;
    }

    /** {@code threads} threads publishing back to back for {@code seconds}; messages per second. */
    static double load(Runnable publish, int threads, double seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        publish.run();
                        done.increment();
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    finished.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(Math.round(seconds * 1000));
        stop.set(true);
        finished.await();
        long elapsed = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a publish failed", failures.get(0));
        }
        return done.sum() / (elapsed / 1e9);
    }

    private static Map<Integer, Rate> node(Path ts, String baseUrl, double warmup, double seconds, int rounds)
            throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "publish-bench.mjs", "--url=" + baseUrl, "--token=" + TOKEN,
                "--destination=" + DESTINATION, "--body=" + BODY, "--warmup=" + warmup, "--seconds=" + seconds,
                "--rounds=" + rounds).directory(ts.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            String last = null;
            while ((line = out.readLine()) != null) {
                System.out.println(line);
                last = line;
            }
            json = last;
        }
        if (node.waitFor() != 0 || json == null) {
            throw new IllegalStateException("the TypeScript run failed (exit " + node.exitValue() + ")");
        }
        JsonNode result = new ObjectMapper().readTree(json);
        Map<Integer, Rate> rates = new LinkedHashMap<>();
        for (int inFlight : new int[]{1, 16}) {
            JsonNode r = result.get(Integer.toString(inFlight));
            rates.put(inFlight, new Rate(r.get("mean").asDouble(), r.get("sd").asDouble()));
        }
        return rates;
    }
}
