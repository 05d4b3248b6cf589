package dev.qstash.jakarta.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the C load generator (Debian package {@code wrk}), sending one {@link Delivery} over and over to one endpoint
 * from {@value #THREADS} threads over {@value #CONNECTIONS} keep-alive connections, through the Lua script
 * {@code src/e2e/wrk/delivery.lua}. A client this cheap leaves most of the cores it shares with the server to the
 * server.
 */
final class Wrk {

    static final int THREADS = 2;
    static final int CONNECTIONS = 16;

    private static final Pattern RESULT = Pattern.compile(
            "bench-result requests=(\\d+) duration_us=(\\d+) status_errors=(\\d+) socket_errors=(\\d+)");

    /** One run: the requests answered, over how long, and how many failed (status 400 or above, socket errors). */
    record Result(long requests, double seconds, long failed) {

        double perSecond() {
            return requests / seconds;
        }
    }

    private final Path script;

    Wrk(Path script) {
        this.script = script;
    }

    /** wrk's version, such as {@code wrk debian/4.1.0-3+b2}, for the report. */
    static String version() throws IOException, InterruptedException {
        return wrk(Map.of(), "-v").lines().findFirst().orElse("wrk").replaceFirst(" \\[.*", "");
    }

    Result run(URI url, Delivery delivery, Duration duration) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        environment.put("BENCH_BODY_FILE", delivery.bodyFile().toString());
        environment.put("BENCH_CONTENT_TYPE", Delivery.CONTENT_TYPE);
        environment.put("BENCH_SIGNATURE", delivery.signature());
        environment.put("BENCH_MESSAGE_ID", Delivery.MESSAGE_ID);
        String output = wrk(environment, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", script.toString(), url.toString());
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("wrk did not report its run:\n" + output);
        }
        return new Result(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)) / 1e6,
                Long.parseLong(result.group(3)) + Long.parseLong(result.group(4)));
    }

    private static String wrk(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(args));
        command.add(0, "wrk");
        ProcessBuilder wrk = new ProcessBuilder(command).redirectErrorStream(true);
        wrk.environment().putAll(environment);
        Process process;
        try {
            process = wrk.start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: apt-get install wrk", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
