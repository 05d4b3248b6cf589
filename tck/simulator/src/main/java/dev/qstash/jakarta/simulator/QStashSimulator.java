package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpServer;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashRegion;

/**
 * A local QStash: one region's REST API on a loopback port, and the deliveries it makes, signed as QStash signs
 * them. The TCK tests against it, the example runs against it, and a developer can start one to work offline.
 *
 * <pre>
 * try (QStashSimulator eu = QStashSimulator.builder().region(QStashRegion.EU_CENTRAL_1).start()) {
 *     // point the application at eu.url() with eu.token(); verify with eu.currentSigningKey() / eu.nextSigningKey()
 * }
 * </pre>
 *
 * <p>
 * Two instances make a migration setup: each has its own token and keys and stamps its region on every delivery
 * ({@code Upstash-Region: EU-CENTRAL-1}). What it serves and how it differs from QStash is listed in the README
 * ("The QStash simulator"). Standalone: {@code mvn -pl tck/simulator exec:java}, see {@link #main(String[])}.
 */
public final class QStashSimulator implements AutoCloseable {

    /** How often the simulator looks for due schedules. */
    public static final long SCHEDULE_TICK_MILLIS = 50;

    static {
        // The JDK HttpServer writes headers and body separately; without TCP_NODELAY each small answer waits out
        // Nagle and delayed ACK (about 40 ms on Linux). Read once per JVM; a value the user set is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final QStashRegion region;
    private final String token;
    private volatile String currentSigningKey;
    private volatile String nextSigningKey;
    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final DeliveryEngine engine;
    private final SimulatorApi api;
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private final ScheduledExecutorService cron;

    private QStashSimulator(Builder b) throws IOException {
        this.region = b.region;
        this.token = b.token != null ? b.token : "qstash_sim_" + QStashTokens.random(32);
        this.currentSigningKey = b.currentSigningKey != null ? b.currentSigningKey : newKey();
        this.nextSigningKey = b.nextSigningKey != null ? b.nextSigningKey : newKey();
        SimulatorState state = new SimulatorState(b.deduplicationWindow);
        this.engine = new DeliveryEngine(state, region.headerValue(), () -> currentSigningKey, b.retryBackoff,
                b.remoteDeliveries);
        this.api = new SimulatorApi(this, state, engine);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
        this.serverThreads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "qstash-simulator-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(serverThreads);
        server.createContext("/", api);
        server.start();
        this.cron = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qstash-simulator-schedules");
            t.setDaemon(true);
            return t;
        });
        cron.scheduleWithFixedDelay(this::fireDueSchedules, SCHEDULE_TICK_MILLIS, SCHEDULE_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** One tick; a failure is reported and the next tick still runs (an escaping exception would stop them all). */
    private void fireDueSchedules() {
        try {
            api.fireDueSchedules(now().toEpochMilli());
        } catch (RuntimeException e) {
            System.err.println("[qstash-simulator] firing schedules failed: " + e);
        }
    }

    /**
     * The simulator's clock, which decides when schedules fire: the system clock plus whatever
     * {@link #advanceClock(Duration)} added. Deliveries, delays and retries keep to the system clock.
     */
    public Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + clockOffsetMillis.get());
    }

    /**
     * Moves the simulator's clock forward, so that a test need not wait a real minute for a cron match. Schedules
     * due at the new time fire within {@value #SCHEDULE_TICK_MILLIS} ms, once each, however far the clock jumped
     * (as a real scheduler that was down catches up on one run, not all of them).
     */
    public void advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, got " + by);
        }
        clockOffsetMillis.addAndGet(by.toMillis());
    }

    /** A builder; every setting has a default, so {@code builder().start()} gives a working EU region. */
    public static Builder builder() {
        return new Builder();
    }

    /** The API base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public QStashRegion region() {
        return region;
    }

    /** The bearer token the API requires. */
    public String token() {
        return token;
    }

    /** The key deliveries are signed with. */
    public String currentSigningKey() {
        return currentSigningKey;
    }

    public String nextSigningKey() {
        return nextSigningKey;
    }

    /** Rotates as QStash does: the next key becomes the current one, and a new next key is made. */
    public synchronized void rotateSigningKeys() {
        currentSigningKey = nextSigningKey;
        nextSigningKey = newKey();
    }

    /** Every API request received so far, in order (including rejected ones and injected faults). */
    public List<RecordedRequest> requests() {
        return List.copyOf(api.requests());
    }

    public void clearRequests() {
        api.requests().clear();
    }

    /** Every delivery attempt made so far, in the order they ended. */
    public List<DeliveryAttempt> deliveryAttempts() {
        return List.copyOf(engine.attempts());
    }

    /** The next {@code count} API requests get {@code fault} instead of (or, for slow, before) their answer. */
    public void injectFaults(int count, Fault fault) {
        api.inject(count, Objects.requireNonNull(fault, "fault"));
    }

    /**
     * The environment variables that point an application at this region in migration mode, for example
     * {@code US_EAST_1_QSTASH_URL}, {@code US_EAST_1_QSTASH_TOKEN} and both signing keys.
     */
    public Map<String, String> regionalEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(variable(QStashConfigNames.regional(region, QStashConfigNames.URL)), url());
        env.put(variable(QStashConfigNames.regional(region, QStashConfigNames.TOKEN)), token);
        env.put(variable(QStashConfigNames.regional(region, QStashConfigNames.CURRENT_SIGNING_KEY)),
                currentSigningKey);
        env.put(variable(QStashConfigNames.regional(region, QStashConfigNames.NEXT_SIGNING_KEY)), nextSigningKey);
        return env;
    }

    /** The environment variables of single-region mode: {@code QSTASH_URL}, {@code QSTASH_TOKEN} and both keys. */
    public Map<String, String> singleRegionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(variable(QStashConfigNames.URL), url());
        env.put(variable(QStashConfigNames.TOKEN), token);
        env.put(variable(QStashConfigNames.CURRENT_SIGNING_KEY), currentSigningKey);
        env.put(variable(QStashConfigNames.NEXT_SIGNING_KEY), nextSigningKey);
        return env;
    }

    private static String variable(String key) {
        return QStashConfigNames.environmentVariable(key);
    }

    private static String newKey() {
        return "sig_" + QStashTokens.random(28);
    }

    @Override
    public void close() {
        cron.shutdownNow();
        server.stop(0);
        serverThreads.shutdownNow();
        engine.close();
    }

    @Override
    public String toString() {
        return "QStashSimulator[" + region + " at " + url() + "]";
    }

    /** Settings of a simulator. */
    public static final class Builder {

        private QStashRegion region = QStashRegion.EU_CENTRAL_1;
        private String token;
        private String currentSigningKey;
        private String nextSigningKey;
        private int port;
        private IntFunction<Duration> retryBackoff = n -> Duration.ofMillis(
                Math.round(Math.min(86_400, Math.exp(2.5 * n)) * 1000));
        private Duration deduplicationWindow = Duration.ofMinutes(10);
        private boolean remoteDeliveries;

        private Builder() {
        }

        /**
         * Whether to deliver to hosts other than loopback. Default {@code false}: an attempt to any other host fails
         * at once (status 0), is retried and ends in the DLQ, so tests and demos never send traffic off the machine.
         */
        public Builder remoteDeliveries(boolean allowed) {
            this.remoteDeliveries = allowed;
            return this;
        }

        /** The region; default EU_CENTRAL_1. */
        public Builder region(QStashRegion region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The API token; default random. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The signing keys; default random {@code sig_...} keys. */
        public Builder signingKeys(String current, String next) {
            this.currentSigningKey = current;
            this.nextSigningKey = next;
            return this;
        }

        /** The loopback port; default 0, a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The wait before retry {@code n} (0 for the first retry) when the destination sends no {@code Retry-After};
         * default QStash's {@code min(1 day, e^(2.5 n))} seconds. Tests pass a few milliseconds.
         */
        public Builder retryBackoff(IntFunction<Duration> retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        /** How long a deduplication id is remembered; default 10 minutes. */
        public Builder deduplicationWindow(Duration window) {
            this.deduplicationWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Starts the simulator. */
        public QStashSimulator start() {
            try {
                return new QStashSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("the simulator could not listen on port " + port, e);
            }
        }
    }

    /**
     * Runs simulators until interrupted. Arguments: {@code --region NAME[:PORT]} (repeatable; default
     * {@code EU_CENTRAL_1:8080}), {@code --token T}, {@code --current-signing-key K}, {@code --next-signing-key K}
     * (applied to every region), {@code --retry-backoff-ms N} (a fixed wait between retries). Prints, for each region,
     * the environment variables that point an application at it.
     */
    public static void main(String[] args) throws InterruptedException {
        List<Builder> builders = new ArrayList<>();
        String token = null;
        String current = null;
        String next = null;
        Long backoff = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--region" -> {
                    String[] parts = require(arg, value).split(":");
                    Builder b = builder().region(QStashRegion.parse(parts[0]).orElseThrow(
                            () -> new IllegalArgumentException("unknown region " + parts[0]
                                    + "; use EU_CENTRAL_1 or US_EAST_1")));
                    if (parts.length > 1) {
                        b.port(Integer.parseInt(parts[1]));
                    }
                    builders.add(b);
                }
                case "--port" -> {
                    if (builders.isEmpty()) {
                        builders.add(builder());
                    }
                    builders.get(builders.size() - 1).port(Integer.parseInt(require(arg, value)));
                }
                case "--token" -> token = require(arg, value);
                case "--current-signing-key" -> current = require(arg, value);
                case "--next-signing-key" -> next = require(arg, value);
                case "--retry-backoff-ms" -> backoff = Long.parseLong(require(arg, value));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
            i++;
        }
        if (builders.isEmpty()) {
            builders.add(builder().port(8080));
        }
        List<QStashSimulator> running = new ArrayList<>();
        for (Builder b : builders) {
            b.token(token).signingKeys(current, next);
            if (backoff != null) {
                long millis = backoff;
                b.retryBackoff(n -> Duration.ofMillis(millis));
            }
            QStashSimulator simulator = b.start();
            running.add(simulator);
            System.out.println("QStash simulator " + simulator.region() + " listening on " + simulator.url());
            simulator.regionalEnvironment().forEach((name, v) -> System.out.println("  " + name + "=" + v));
        }
        System.out.println("Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(QStashSimulator::close);
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String require(String arg, String value) {
        if (value == null) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return value;
    }
}
