package dev.qstash.jakarta.tck.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * An {@code @Idempotent} method on a cluster: two Payara Micro instances in one Hazelcast cluster (TCP/IP discovery on
 * the loopback interface, its own cluster name), the same WAR on both with {@code qstash.receive.store=jcache}, so
 * both record deliveries in Payara's distributed JCache. The same message delivered to both, one after the other or
 * at once, runs the method once across the cluster. Runs in the Payara execution of the runner only (it starts its
 * own two instances, not through Arquillian).
 */
@Tag(TckTags.HANDLE)
public class PayaraClusterTest {

    private static final Duration START = Duration.ofMinutes(5);
    private static final List<Process> INSTANCES = new ArrayList<>();
    private static final List<Path> LOGS = new ArrayList<>();
    private static URL a;
    private static URL b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Assumptions.assumeTrue("payara".equals(System.getProperty("qstash.tck.server")),
                "the cluster runs in the Payara execution");
        Path dir = Path.of("target", "payara-cluster").toAbsolutePath();
        Files.createDirectories(dir);
        Path war = dir.resolve("cluster.war");
        Map<String, String> config = new TreeMap<>(TckDeployments.singleRegion(null, null));
        config.put("qstash.receive.store", "jcache");
        config.put("qstash.receive.store.cache-name", "qstash-tck-cluster");
        WebArchive archive = TckDeployments.war(PayaraClusterTest.class, config);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(
                Path.of(System.getProperty("qstash.tck.impl.libs")), "*.jar")) {
            for (Path jar : jars) {
                archive.addAsLibrary(new File(jar.toString()));
            }
        }
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);

        int[] http = {freePort(), freePort()};
        int[] hazelcast = {freePort(), freePort()};
        String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1];
        String cluster = "qstash-tck-" + UUID.randomUUID().toString().substring(0, 8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("instance-" + (char) ('a' + i) + ".log");
            LOGS.add(log);
            INSTANCES.add(new ProcessBuilder(java, "-Xmx384m", "-jar", System.getProperty("payara.microJar"),
                    "--deploy", war.toString(), "--contextroot", "cluster", "--port", Integer.toString(http[i]),
                    "--nohostaware", "--interfaces", "127.0.0.1", "--startport", Integer.toString(hazelcast[i]),
                    "--clustermode", "tcpip:" + members, "--clustername", cluster,
                    "--name", "qstash-tck-" + (char) ('a' + i),
                    "--unpackdir", dir.resolve("unpack-" + (char) ('a' + i)).toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        a = new URL("http://127.0.0.1:" + http[0] + "/cluster/");
        b = new URL("http://127.0.0.1:" + http[1] + "/cluster/");
        awaitLog("both instances to deploy the WAR", "ready in");
        awaitLog("the two instances to form one cluster", "DG Size: 2");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process instance : INSTANCES) {
            instance.destroy();
        }
        for (Process instance : INSTANCES) {
            if (!instance.waitFor(30, TimeUnit.SECONDS)) {
                instance.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLog(String what, String text) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < LOGS.size(); i++) {
                assertTrue(INSTANCES.get(i).isAlive(), "instance " + i + " stopped: see " + LOGS.get(i));
                all &= read(LOGS.get(i)).contains(text);
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + ": see " + LOGS);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery of {@code messageId} to one instance, signed anew as QStash signs each attempt. */
    private static HttpResponse<String> deliver(URL instance, String messageId) {
        URI uri = TckHttp.loopback(instance, "api/handling/once");
        byte[] body = "order".getBytes(StandardCharsets.UTF_8);
        return TckHttp.post(uri, body, "Upstash-Signature", QStashTokens.genuine(TckKeys.EU_CURRENT, uri.toString(),
                body), "Upstash-Message-Id", messageId, "Content-Type", "text/plain");
    }

    private static long runs(String messageId) {
        return TckApp.entered(a, messageId) + TckApp.entered(b, messageId);
    }

    @Test
    public void aDuplicateOnTheOtherInstanceDoesNotRunAgain() {
        for (int i = 0; i < 5; i++) {
            String id = TckApp.messageId();
            HttpResponse<String> first = deliver(i % 2 == 0 ? a : b, id);
            assertEquals(200, first.statusCode(), first.body());
            HttpResponse<String> duplicate = deliver(i % 2 == 0 ? b : a, id);
            assertEquals(200, duplicate.statusCode(), duplicate.body());
            assertEquals(1, runs(id), "runs of " + id + " across the cluster");
        }
    }

    @Test
    public void simultaneousDeliveriesToBothInstancesRunOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            String id = TckApp.messageId();
            CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> deliver(a, id));
            CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> deliver(b, id));
            int statusA = toA.get(60, TimeUnit.SECONDS).statusCode();
            int statusB = toB.get(60, TimeUnit.SECONDS).statusCode();
            assertTrue((statusA == 200 || statusA == 409) && (statusB == 200 || statusB == 409),
                    statusA + " " + statusB);
            assertEquals(1, runs(id), "runs of " + id + " across the cluster (answers " + statusA + ", " + statusB
                    + ")");
            if (statusA == 409 || statusB == 409) {
                // QStash comes back after Retry-After: by then the message is processed
                HttpResponse<String> retry = deliver(statusA == 409 ? a : b, id);
                assertEquals(200, retry.statusCode());
                assertEquals(1, runs(id));
            }
        }
        for (Path log : LOGS) {
            assertFalse(read(log).contains("QSTASH032"), "the JCache store was unavailable: see " + log);
        }
    }
}
