package dev.qstash.jakarta.examples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashDelivery.SigningKey;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.impl.verify.QStashReceiver;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/**
 * The simulator's executable jar, run as a user runs it ({@code java -jar ... --region ...}) in a process of its own:
 * the implementation's {@link QStashPublisher} publishes a delayed message to it, the clock is moved through the admin
 * endpoint, and the message arrives, signed so that the implementation's verifier accepts it.
 */
class StandaloneSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "qstash_standalone_test_token_4Kq9";
    private static final String CURRENT = "sig_standaloneCurrent7Hd3Lw9Px2Qm";
    private static final String NEXT = "sig_standaloneNext5Tb8Vc1Zr6Jn4Ys";

    private final List<Process> processes = new ArrayList<>();
    private HttpServer destination;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (destination != null) {
            destination.stop(0);
        }
    }

    private static Path jar() {
        String jar = System.getProperty("simulator.jar");
        assertNotNull(jar, "the build sets simulator.jar (examples/pom.xml)");
        Path path = Path.of(jar);
        assertTrue(Files.isRegularFile(path), "no simulator jar at " + path + "; build with the reactor (mvn verify)");
        return path;
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    /** The lines it prints until {@code last} (or until it ends), within the wait. */
    private static List<String> linesUntil(Process process, String last) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> read = new ArrayList<>();
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    read.add(line);
                    if (line.startsWith(last)) {
                        break;
                    }
                }
            } catch (IOException e) {
                read.add("(read failed: " + e + ")");
            }
            return read;
        });
        return lines.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Map<String, String> variables(List<String> lines) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (l.contains("_QSTASH_") && eq > 0) {
                env.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return env;
    }

    private record Received(String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private BlockingQueue<Received> destination() throws IOException {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        destination = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        destination.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange
                        .getRequestHeaders()), body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        destination.start();
        return received;
    }

    private static HttpResponse<String> post(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDelayedMessageIsDeliveredAndVerifiedWhenTheClockIsMovedThroughTheAdminEndpoint() throws Exception {
        Process simulator = start("--region", "EU_CENTRAL_1:0", "--token", TOKEN, "--current-signing-key", CURRENT,
                "--next-signing-key", NEXT);
        List<String> lines = linesUntil(simulator, "Ctrl-C");
        Map<String, String> env = variables(lines);
        String url = env.get("EU_CENTRAL_1_QSTASH_URL");
        assertNotNull(url, "printed: " + lines);
        assertEquals(TOKEN, env.get("EU_CENTRAL_1_QSTASH_TOKEN"));
        assertEquals(CURRENT, env.get("EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY"));
        assertEquals(NEXT, env.get("EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY"));

        BlockingQueue<Received> received = destination();
        String target = "http://127.0.0.1:" + destination.getAddress().getPort() + "/orders/42";
        String messageId;
        try (QStashPublisher publisher = QStashPublisher.builder().baseUrl(url).token(TOKEN).build()) {
            PublishResponse published = publisher.publish(PublishRequest.toUrl(target).body("{\"order\":42}")
                    .contentType("application/json").delay(Duration.ofHours(2)).build());
            messageId = published.messageId();
        }
        assertNull(received.poll(1, TimeUnit.SECONDS), "delayed by two hours, not delivered at once");

        HttpResponse<String> hour = post(url + "/simulator/clock/advance?by=1h", TOKEN);
        assertEquals(200, hour.statusCode(), hour.body());
        assertNull(received.poll(1, TimeUnit.SECONDS), "one hour in, still an hour to go");
        assertEquals(401, post(url + "/simulator/clock/advance?by=1h", "not-the-token").statusCode());
        assertEquals(200, post(url + "/simulator/clock/advance?by=1h", TOKEN).statusCode());

        Received delivery = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(delivery, "not delivered after the clock reached its time");
        assertEquals("/orders/42", delivery.path());
        assertEquals(messageId, delivery.header("Upstash-Message-Id"));
        assertEquals("{\"order\":42}", new String(delivery.body(), StandardCharsets.UTF_8));
        VerifiedToken token = QStashReceiver.withKeys(CURRENT, NEXT, Clock.systemUTC(), 0).verify(
                delivery.header("Upstash-Signature"), delivery.body(), delivery.header("Upstash-Region"), target);
        assertEquals(SigningKey.CURRENT, token.signingKey());

        simulator.destroy();
        assertTrue(simulator.waitFor(10, TimeUnit.SECONDS), "stops on SIGTERM");
    }

    @Test
    void twoRegionsStartFromOneCommandAndHelpListsEveryOption() throws Exception {
        Process both = start("--region", "EU_CENTRAL_1:0", "--region", "US_EAST_1:0");
        Map<String, String> env = variables(linesUntil(both, "Ctrl-C"));
        assertTrue(env.containsKey("EU_CENTRAL_1_QSTASH_URL") && env.containsKey("US_EAST_1_QSTASH_URL"), env
                .toString());
        assertTrue(!env.get("EU_CENTRAL_1_QSTASH_TOKEN").equals(env.get("US_EAST_1_QSTASH_TOKEN")));

        Process help = start("--help");
        String usage = String.join("\n", linesUntil(help, "\u0000"));
        assertTrue(help.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        for (String option : List.of("--region", "--port", "--token", "--current-signing-key", "--next-signing-key",
                "--retry-backoff-ms", "--remote-deliveries", "--state-dir", "--help", "/simulator/clock/advance")) {
            assertTrue(usage.contains(option), option + " missing from:\n" + usage);
        }

        Process wrong = start("--region", "MARS_1");
        String error = String.join("\n", linesUntil(wrong, "\u0000"));
        assertTrue(wrong.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, wrong.exitValue());
        assertTrue(error.startsWith("qstash-simulator: unknown region MARS_1"), error);
        assertTrue(!error.contains("Exception") && !error.contains("\tat "), "no stack trace: " + error);
    }
}
