package dev.qstash.jakarta.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.ZipFile;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.bench.e2e.app.BodyLengthResource;

/**
 * What {@code @VerifyQStash} costs a server under load, end to end. One WAR on Payara Micro serves the same resource
 * twice ({@link BodyLengthResource}): {@code /api/unsigned}, and {@code /api/signed} behind the filter. wrk sends both
 * the same QStash delivery ({@link Delivery}), with 1 KiB and 64 KiB bodies. Per body size: a warm-up of each
 * endpoint, then rounds of unsigned and signed back to back, alternating which goes first, so that drift in the
 * machine's load (client and server share its cores, and other builds may run) falls on both alike. Reported per size
 * ({@link Comparison}): the median requests per second of each, the median of the rounds' ratios signed / unsigned,
 * every round's ratio, the same ratio per second of server CPU with the cores the server got, and the failed
 * requests, which must be none. Before any load, signed must answer 200 with the token and 401 without it, and
 * unsigned 200: a benchmark of the rejection path would be meaningless.
 *
 * <p>
 * {@code mvn -B -ntp -pl bench -am -DskipTests -Pbench-e2e verify} runs it (about 6 minutes; {@code -Dbench.quick=true}
 * for a smoke run) and writes the table to {@code bench/target/e2e-results.md}. Arguments: the WAR, the Payara Micro
 * jar, its boot commands, the wrk script, the output directory, and {@code --quick=true} for the smoke run.
 */
public final class E2eBench {

    private static final int[] BODY_SIZES = {1024, 65536};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * How long each part of the run takes. Payara Micro on 2 cores was still speeding up after 40 s of load in a trial,
     * hence 30 s per endpoint before the first size's rounds, and as much again for the second size.
     */
    private record Protocol(Duration warmUp, int rounds, Duration round) {

        static final Protocol FULL = new Protocol(Duration.ofSeconds(30), 5, Duration.ofSeconds(10));
        static final Protocol QUICK = new Protocol(Duration.ofSeconds(3), 2, Duration.ofSeconds(3));

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "per body size, %d s warm-up per endpoint, then %d rounds of %d s per "
                    + "endpoint, unsigned and signed back to back, alternating which goes first", warmUp.toSeconds(),
                    rounds, round.toSeconds());
        }
    }

    private final Path war;
    private final Path payaraJar;
    private final Path bootCommands;
    private final Wrk wrk;
    private final Path outputDirectory;
    private final Protocol protocol;

    private E2eBench(String[] args) {
        this.war = Path.of(args[0]);
        this.payaraJar = Path.of(args[1]);
        this.bootCommands = Path.of(args[2]);
        this.wrk = new Wrk(Path.of(args[3]));
        this.outputDirectory = Path.of(args[4]);
        this.protocol = args.length > 5 && args[5].equals("--quick=true") ? Protocol.QUICK : Protocol.FULL;
    }

    public static void main(String[] args) throws Exception {
        new E2eBench(args).run();
    }

    private void run() throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String wrkVersion = Wrk.version();
        // an ephemeral port, so never one of the fixed ports other servers on this machine use
        int port = freePort();
        URI api = URI.create("http://127.0.0.1:" + port + "/" + war.getFileName().toString().replace(".war", "")
                + "/api/");
        String key = currentSigningKey();
        List<Delivery> deliveries = new ArrayList<>();
        for (int size : BODY_SIZES) {
            deliveries.add(Delivery.of(size, key, api.resolve("signed"), outputDirectory));
        }
        Path log = outputDirectory.resolve("e2e-payara.log");
        List<Comparison> comparisons = new ArrayList<>();
        try (PayaraMicro payara = PayaraMicro.start(payaraJar, war, bootCommands, port, log)) {
            say("Payara Micro starting on 127.0.0.1:" + port + ", log: " + log);
            awaitDeployed(payara, deliveries.get(0).request(api.resolve("unsigned"), true), log);
            for (Delivery delivery : deliveries) {
                checkAnswers(api, delivery);
                comparisons.add(compare(payara, api, delivery));
            }
        }
        String report = report(started, wrkVersion, comparisons);
        Files.writeString(outputDirectory.resolve("e2e-results.md"), report);
        say("\n" + report);
        if (comparisons.stream().anyMatch(comparison -> comparison.failed() > 0)) {
            throw new IllegalStateException("requests failed during the measurement; see " + log);
        }
    }

    private Comparison compare(PayaraMicro payara, URI api, Delivery delivery)
            throws IOException, InterruptedException {
        URI unsigned = api.resolve("unsigned");
        URI signed = api.resolve("signed");
        say("\n" + Comparison.size(delivery.size()));
        for (URI endpoint : List.of(unsigned, signed)) {
            Wrk.Result warmUp = wrk.run(endpoint, delivery, protocol.warmUp());
            say(String.format(Locale.ROOT, "  warm-up %s: %,.0f req/s", endpoint.getPath(), warmUp.perSecond()));
            if (warmUp.failed() > 0) {
                throw new IllegalStateException(warmUp.failed() + " requests to " + endpoint + " failed in warm-up");
            }
        }
        List<Comparison.Round> rounds = new ArrayList<>();
        for (int i = 0; i < protocol.rounds(); i++) {
            boolean unsignedFirst = i % 2 == 0;
            Comparison.Run first = run(payara, unsignedFirst ? unsigned : signed, delivery);
            Comparison.Run second = run(payara, unsignedFirst ? signed : unsigned, delivery);
            Comparison.Round round = unsignedFirst
                    ? new Comparison.Round(first, second)
                    : new Comparison.Round(second, first);
            rounds.add(round);
            say(String.format(Locale.ROOT, "  round %d (%s first): unsigned %,.0f req/s on %.2f cores, signed %,.0f "
                    + "req/s on %.2f cores, ratio %.3f, per server CPU-second %.3f, failed %d", i + 1,
                    unsignedFirst ? "unsigned" : "signed", round.unsigned().perSecond(),
                    round.unsigned().serverCores(), round.signed().perSecond(), round.signed().serverCores(),
                    round.ratio(), round.cpuRatio(), round.failed()));
        }
        return new Comparison(delivery.size(), rounds);
    }

    private Comparison.Run run(PayaraMicro payara, URI endpoint, Delivery delivery)
            throws IOException, InterruptedException {
        Duration cpuBefore = payara.cpuTime();
        Wrk.Result load = wrk.run(endpoint, delivery, protocol.round());
        return new Comparison.Run(load, payara.cpuTime().minus(cpuBefore));
    }

    /** The answers that make the measurement meaningful: signed verifies the token and refuses its absence. */
    private static void checkAnswers(URI api, Delivery delivery) throws IOException, InterruptedException {
        String length = Integer.toString(delivery.size());
        expect(delivery.request(api.resolve("signed"), true), 200, length);
        expect(delivery.request(api.resolve("signed"), false), 401, null);
        expect(delivery.request(api.resolve("unsigned"), true), 200, length);
    }

    private static void expect(HttpRequest request, int status, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status || body != null && !body.equals(response.body())) {
            throw new IllegalStateException("POST " + request.uri() + (request.headers()
                    .firstValue("Upstash-Signature").isPresent() ? " with" : " without") + " a signature answered "
                    + response.statusCode() + " " + response.body() + ", expected " + status
                    + (body == null ? "" : " " + body));
        }
    }

    private static void awaitDeployed(PayaraMicro payara, HttpRequest probe, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && payara.isAlive()) {
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while Payara Micro starts
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the WAR did not come up on Payara Micro; see " + log);
    }

    private String report(ZonedDateTime started, String wrkVersion, List<Comparison> comparisons) {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                ## End to end: one resource unsigned and with @VerifyQStash on %s

                %s, %d s in all%s. %d cores, shared by the server and the client; JDK %s; %s, \
                -t%d -c%d, keep-alive; %s.

                """, payaraJar.getFileName().toString().replace(".jar", ""),
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Duration.between(started, ZonedDateTime.now(ZoneOffset.UTC)).toSeconds(),
                protocol == Protocol.QUICK ? " (quick: a smoke run, not a measurement)" : "",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), wrkVersion,
                Wrk.THREADS, Wrk.CONNECTIONS, protocol));
        report.append(Comparison.TABLE_HEADER);
        comparisons.forEach(comparison -> report.append(comparison.tableRow()));
        report.append("\nMedians over the rounds; a ratio is taken in each round, then its median. Server cores: ")
                .append("the CPU time of Payara Micro's JVM over the run's wall time (the rest went to wrk and to ")
                .append("other processes).\n");
        return report.toString();
    }

    /** The current signing key the WAR is configured with, to sign as QStash would sign for it. */
    private String currentSigningKey() throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            Properties config = new Properties();
            config.load(zip.getInputStream(zip.getEntry("WEB-INF/classes/META-INF/microprofile-config.properties")));
            return config.getProperty(QStashConfigNames.CURRENT_SIGNING_KEY);
        }
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
