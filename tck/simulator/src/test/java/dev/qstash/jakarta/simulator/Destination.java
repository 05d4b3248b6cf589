package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** An application endpoint on loopback that records what QStash (the simulator) delivers to it. */
final class Destination implements AutoCloseable {

    record Delivery(String method, String path, Map<String, List<String>> headers, byte[] body, long at) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {

        static Reply ok() {
            return new Reply(200, Map.of(), "ok");
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Delivery> arrivals = new LinkedBlockingQueue<>();
    private volatile Function<Delivery, Reply> replies = d -> Reply.ok();

    Destination() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Destination reply(Function<Delivery, Reply> replies) {
        this.replies = replies;
        return this;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** The next delivery, waiting up to {@code timeout}; fails if none comes. */
    Delivery next(Duration timeout) throws InterruptedException {
        Delivery d = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null) {
            throw new AssertionError("no delivery within " + timeout);
        }
        return d;
    }

    /** Asserts nothing more arrives within {@code quiet}. */
    void expectNothing(Duration quiet) throws InterruptedException {
        Delivery d = arrivals.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (d != null) {
            throw new AssertionError("unexpected delivery to " + d.path());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String query = exchange.getRequestURI().getRawQuery();
            Delivery delivery = new Delivery(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers, body,
                    System.currentTimeMillis());
            deliveries.add(delivery);
            Reply reply = replies.apply(delivery);
            reply.headers().forEach((n, v) -> exchange.getResponseHeaders().add(n, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
            arrivals.add(delivery);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
