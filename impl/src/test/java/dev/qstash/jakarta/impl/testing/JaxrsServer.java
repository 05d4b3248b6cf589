package dev.qstash.jakarta.impl.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.control.RequestContextController;

import org.eclipse.microprofile.config.Config;
import org.jboss.resteasy.plugins.server.sun.http.HttpContextBuilder;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.qstash.jakarta.impl.cdi.QStashExtension;

/**
 * A real JAX-RS runtime (RESTEasy) on a loopback socket, with a real CDI container (Weld) running the extension and
 * the application's config registered and a request context around each request: what a server gives the filter,
 * minus the servlet layer.
 */
public final class JaxrsServer implements AutoCloseable {

    private final Config config;
    private final AutoCloseable installed;
    private final WeldContainer weld;
    private final HttpServer server;
    private final HttpContextBuilder context;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService executor;

    public JaxrsServer(Map<String, String> environment, List<Class<?>> resources, List<Class<?>> providers)
            throws IOException {
        config = TestConfig.environment(environment);
        installed = TestConfig.install(config);
        try {
            weld = new Weld().disableDiscovery().addExtension(new QStashExtension())
                    .addBeanClasses(resources.toArray(Class<?>[]::new)).initialize();
        } catch (RuntimeException e) {
            closeQuietly(installed);
            throw e;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        context = new HttpContextBuilder();
        context.getDeployment().getActualResourceClasses().addAll(resources);
        context.getDeployment().getActualProviderClasses().addAll(providers);
        context.bind(server).getFilters().add(new RequestScope(weld));
        executor = Executors.newFixedThreadPool(8); // concurrent requests, as a server serves them
        server.setExecutor(executor);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        context.cleanup();
        weld.shutdown();
        closeQuietly(installed);
    }

    /** Activates CDI's request context around each exchange, as a servlet container does around each request. */
    private static final class RequestScope extends Filter {

        private final WeldContainer weld;

        RequestScope(WeldContainer weld) {
            this.weld = weld;
        }

        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            RequestContextController scope = weld.select(RequestContextController.class).get();
            scope.activate();
            try {
                chain.doFilter(exchange);
            } finally {
                scope.deactivate();
            }
        }

        @Override
        public String description() {
            return "CDI request context";
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
