package dev.qstash.jakarta.bench.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for QStash's publish endpoint, in a process of its own so that the Java publisher and the
 * TypeScript SDK measured against it share nothing with it but the machine: reads each request whole and answers
 * {@code 201 {"messageId":"msg_<n>"}} as QStash does. Prints {@code port=<n>} when ready; runs until killed. Run with
 * {@code -Dsun.net.httpserver.nodelay=true}: without it, Nagle and delayed ACKs add about 40 ms to each answer.
 */
public final class StandIn {

    private StandIn() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        AtomicLong ids = new AtomicLong();
        server.createContext("/v2/publish/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                byte[] answer = ("{\"messageId\":\"msg_" + ids.incrementAndGet() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
        System.out.flush();
    }
}
