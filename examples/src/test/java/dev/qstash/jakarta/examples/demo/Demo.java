package dev.qstash.jakarta.examples.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.simulator.QStashTokens;

/**
 * The one-command demo: two simulated QStash regions (EU, US), the example on Payara Micro in migration mode with
 * {@code QSTASH_REGION=US_EAST_1}, and the migration story step by step. Exits 0 when every step passed.
 *
 * <p>
 * Arguments: the WAR, the Payara Micro jar, the server log file, and {@code --keep-running=true} to leave
 * everything up for exploring with curl until Ctrl-C.
 */
public final class Demo {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Path war;
    private final Path payaraJar;
    private final Path serverLog;
    private final boolean keepRunning;
    private final List<String> results = new ArrayList<>();
    private String base;

    private Demo(String[] args) {
        this.war = Path.of(args[0]);
        this.payaraJar = Path.of(args[1]);
        this.serverLog = Path.of(args[2]);
        this.keepRunning = args.length > 3 && args[3].equals("--keep-running=true");
    }

    public static void main(String[] args) throws Exception {
        System.exit(new Demo(args).run());
    }

    private int run() throws Exception {
        say("qstash-jakarta demo: an application migrating from the EU region to the US region of QStash");
        try (QStashSimulator eu = QStashSimulator.builder().region(QStashRegion.EU_CENTRAL_1)
                .retryBackoff(n -> Duration.ofMillis(500)).start();
                QStashSimulator us = QStashSimulator.builder().region(QStashRegion.US_EAST_1)
                        .retryBackoff(n -> Duration.ofMillis(500)).start()) {
            say("Started two local QStash regions (the project's simulator): EU at " + eu.url() + ", US at "
                    + us.url() + ", each with its own token and signing keys.");
            int port = freePort();
            base = "http://127.0.0.1:" + port + "/qstash-examples/api";
            Process payara = startPayara(port, eu, us);
            try {
                say("Starting Payara Micro with the example (QSTASH_REGION=US_EAST_1, US_EAST_1_QSTASH_* and "
                        + "EU_CENTRAL_1_QSTASH_* pointing at the simulators); log: " + serverLog);
                if (!awaitUp(payara, Duration.ofMinutes(5))) {
                    return fail("Payara Micro did not come up; see " + serverLog);
                }
                say("The example is up at " + base + "\n");
                steps(eu, us);
                clusterStep(us);
                if (keepRunning) {
                    keepRunning(eu, us);
                }
            } finally {
                payara.destroy();
                payara.waitFor();
            }
        }
        long passed = results.stream().filter(r -> r.startsWith("PASS")).count();
        say("\nSummary");
        results.forEach(r -> say("  " + r));
        say(passed + " of " + results.size() + " steps passed.");
        return passed == results.size() && !results.isEmpty() ? 0 : 1;
    }

    private void steps(QStashSimulator eu, QStashSimulator us) throws Exception {
        say("1. Publish an order through the primary region (US) with @Inject QStashPublisher");
        String sent = post(base + "/orders/1001?item=book&quantity=2", "", 200);
        say("   POST /api/orders/1001 -> " + sent);
        String id = sent.split(" ")[0];
        boolean usToken = us.requests().stream().anyMatch(r -> r.path().startsWith("/v2/publish/")
                && ("Bearer " + us.token()).equals(r.header("Authorization")));
        String delivery = awaitDelivery(id);
        say("   QStash (US) delivered it after the 1 s delay: " + delivery);
        check("publish via US, delivery verified with the US keys", usToken && delivery != null
                && delivery.contains("from US_EAST_1, verified with the US_EAST_1 keys"));

        say("2. The old region (EU) still sends: @ForRegion(EU_CENTRAL_1) QStashPublisher");
        sent = post(base + "/old-region", "finish the EU backlog", 200);
        say("   POST /api/old-region -> " + sent);
        delivery = awaitDelivery(sent.split(" ")[0]);
        say("   QStash (EU) delivered it: " + delivery);
        check("old-region delivery verified with the EU keys", delivery != null
                && delivery.contains("from EU_CENTRAL_1, verified with the EU_CENTRAL_1 keys"));

        say("3. The US region rotates its signing keys: the next key becomes current");
        us.rotateSigningKeys();
        sent = post(base + "/orders/raw", "after the rotation", 200);
        delivery = awaitDelivery(sent.split(" ")[0]);
        say("   QStash (US) delivered a message signed with the new key: " + delivery);
        check("after rotation the next key is accepted", delivery != null && delivery.contains("(next key)"));

        say("4. A forged delivery: a token signed with a key nobody configured");
        byte[] body = "{\"orderId\":666}".getBytes(StandardCharsets.UTF_8);
        String receive = base + "/receive";
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(receive))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Upstash-Signature", QStashTokens.genuine("sig_forgedForgedForgedForged00", receive, body))
                .header("Upstash-Region", "US-EAST-1").build());
        say("   POST /api/receive with a forged Upstash-Signature -> " + forged.statusCode() + " " + forged.body());
        check("forged delivery rejected with 401", forged.statusCode() == 401);

        say("5. The same order again: QStash deduplicates by the order's deduplication id");
        sent = post(base + "/orders/1001?item=book&quantity=2", "", 200);
        say("   POST /api/orders/1001 -> " + sent);
        check("duplicate recognised", sent.contains("(duplicate)"));
        say("6. The old region's dead letters: EU kept failing a message sent to the application's old address");
        String oldAddress = "https://old-app.example.invalid/api/receive"; // the simulator fails it, never calls it
        sent = post(base + "/old-region?to=" + oldAddress, "an invoice from before the move", 200);
        say("   POST /api/old-region?to=" + oldAddress + " -> " + sent);
        String dead = awaitNonEmpty(base + "/old-region/dlq");
        say("   GET /api/old-region/dlq (the EU DLQ, through @ForRegion(EU_CENTRAL_1) publisher.dlq()) -> " + dead);
        String redriven = post(base + "/old-region/dlq/redrive?to=" + receive, "", 200);
        say("   POST /api/old-region/dlq/redrive?to=/api/receive -> " + redriven);
        delivery = redriven.startsWith("1 ") ? awaitDelivery(redriven.substring(redriven.lastIndexOf(' ') + 1)) : null;
        say("   QStash (US) delivered it: " + delivery);
        check("old-region dead letter re-sent through US and verified with the US keys", delivery != null
                && delivery.contains("from US_EAST_1, verified with the US_EAST_1 keys")
                && delivery.endsWith("an invoice from before the move") && get(base + "/old-region/dlq").isBlank());
    }

    /**
     * Two more Payara Micro instances, clustered (Hazelcast, TCP/IP discovery on the loopback interface) and recording
     * deliveries in Payara's distributed JCache: the same message delivered to both runs once.
     */
    private void clusterStep(QStashSimulator us) throws Exception {
        say("7. A cluster: two more Payara Micro instances in one Hazelcast cluster, QSTASH_RECEIVE_STORE=jcache");
        int[] http = {freePort(), freePort()};
        int[] hazelcast = {freePort(), freePort()};
        String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1];
        String cluster = "qstash-demo-" + Long.toHexString(System.nanoTime());
        List<Process> instances = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path log = serverLog.resolveSibling("demo-cluster-" + (char) ('a' + i) + ".log");
                logs.add(log);
                ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar",
                        payaraJar.toString(), "--deploy", war.toString(), "--port", Integer.toString(http[i]),
                        "--nohostaware", "--interfaces", "127.0.0.1", "--startport", Integer.toString(hazelcast[i]),
                        "--clustermode", "tcpip:" + members, "--clustername", cluster);
                Map<String, String> env = pb.environment();
                env.keySet().removeIf(name -> name.contains("QSTASH_") || name.startsWith("UPSTASH_"));
                env.put("QSTASH_REGION", "US_EAST_1");
                env.putAll(us.regionalEnvironment());
                env.put("QSTASH_RECEIVE_STORE", "jcache");
                instances.add(pb.redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            say("   starting them (ports " + http[0] + " and " + http[1] + "); logs: " + logs);
            if (!awaitLogs(instances, logs, "DG Size: 2", Duration.ofMinutes(5))
                    || !awaitLogs(instances, logs, "ready in", Duration.ofMinutes(5))) {
                check("a duplicate across the cluster runs once", false);
                return;
            }
            String a = "http://127.0.0.1:" + http[0] + "/qstash-examples/api/receive";
            String b = "http://127.0.0.1:" + http[1] + "/qstash-examples/api/receive";
            String messageId = "msg_demoCluster" + Long.toHexString(System.nanoTime());
            byte[] body = "one order, delivered twice".getBytes(StandardCharsets.UTF_8);
            int[] statuses = new int[2];
            for (int i = 0; i < 2; i++) {
                String to = i == 0 ? a : b;
                statuses[i] = send(HttpRequest.newBuilder(URI.create(to))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Upstash-Signature", QStashTokens.genuine(us.currentSigningKey(), to, body))
                        .header("Upstash-Message-Id", messageId).header("Upstash-Region", "US-EAST-1")
                        .header("Content-Type", "text/plain").build()).statusCode();
                say("   delivery " + (i + 1) + " of " + messageId + " to instance " + (char) ('A' + i) + " -> "
                        + statuses[i]);
            }
            long runsA = get(a).lines().filter(l -> l.startsWith(messageId + " ")).count();
            long runsB = get(b).lines().filter(l -> l.startsWith(messageId + " ")).count();
            say("   the method ran " + runsA + " time(s) on A and " + runsB + " time(s) on B");
            check("a duplicate across the cluster runs once", statuses[0] == 200 && statuses[1] == 200
                    && runsA == 1 && runsB == 0);
        } finally {
            for (Process instance : instances) {
                instance.destroy();
            }
            for (Process instance : instances) {
                instance.waitFor();
            }
        }
    }

    private static boolean awaitLogs(List<Process> instances, List<Path> logs, String text, Duration timeout)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < logs.size(); i++) {
                if (!instances.get(i).isAlive()) {
                    say("   instance " + i + " stopped; see " + logs.get(i));
                    return false;
                }
                all &= Files.exists(logs.get(i))
                        && Files.readString(logs.get(i), StandardCharsets.ISO_8859_1).contains(text);
            }
            if (all) {
                return true;
            }
            Thread.sleep(500);
        }
        say("   timed out waiting for '" + text + "' in " + logs);
        return false;
    }

    private void keepRunning(QStashSimulator eu, QStashSimulator us) throws InterruptedException {
        say("\nStill running until Ctrl-C. Try:");
        say("  curl -X POST '" + base + "/orders/7?item=pen&quantity=3'");
        say("  curl -X POST -d 'hello from the old region' " + base + "/old-region");
        say("  curl " + base + "/receive");
        say("  curl " + base + "/old-region/dlq");
        say("  curl -i -X POST -H 'Upstash-Signature: forged' -d x " + base + "/receive");
        say("Simulators: EU " + eu.url() + ", US " + us.url() + " (tokens and keys: see the server's environment)");
        Thread.currentThread().join();
    }

    private Process startPayara(int port, QStashSimulator eu, QStashSimulator us) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", payaraJar.toString(), "--deploy", war.toString(), "--port",
                Integer.toString(port), "--nocluster");
        Map<String, String> env = pb.environment();
        // a real QStash environment of whoever runs the demo must not leak into it
        env.keySet().removeIf(name -> name.contains("QSTASH_") || name.startsWith("UPSTASH_"));
        env.put("QSTASH_REGION", "US_EAST_1");
        env.putAll(us.regionalEnvironment());
        env.putAll(eu.regionalEnvironment());
        Files.createDirectories(serverLog.toAbsolutePath().getParent());
        pb.redirectErrorStream(true).redirectOutput(serverLog.toFile());
        return pb.start();
    }

    private boolean awaitUp(Process payara, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && payara.isAlive()) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(base + "/receive")).GET().build()).statusCode() == 200) {
                    return true;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while Payara starts
            }
            Thread.sleep(500);
        }
        return false;
    }

    private String awaitDelivery(String messageId) throws InterruptedException {
        Predicate<String> match = line -> line.startsWith(messageId + " ");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : get(base + "/receive").lines().toList()) {
                if (match.test(line)) {
                    return line.substring(messageId.length() + 1);
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    private String awaitNonEmpty(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String answer = "";
        while (answer.isBlank() && System.nanoTime() < deadline) {
            answer = get(url);
            Thread.sleep(200);
        }
        return answer;
    }

    private String post(String url, String body, int expected) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(String step, boolean ok) {
        results.add((ok ? "PASS  " : "FAIL  ") + step);
        say(ok ? "   ok\n" : "   FAILED: " + step + "\n");
    }

    private int fail(String message) {
        say(message);
        return 1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
