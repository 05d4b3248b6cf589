package dev.qstash.jakarta.impl.client;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.impl.config.Credentials;
import dev.qstash.jakarta.impl.telemetry.Telemetry;

/**
 * Sends {@link ApiCall}s to one region with one token, retrying network failures. It holds two REST clients of the
 * same interface: one whose paths reach QStash verbatim ({@link PathPreservingClients}), for the calls with a
 * destination URL in the path (publish, enqueue, schedule create), and one on the runtime's default engine for the
 * rest, made on first use. They differ on RESTEasy only, where the path-preserving engine (the JDK's {@code HttpURLConnection}) cannot
 * send {@code PATCH}, which pausing a schedule needs. On Jersey, {@code PATCH} over {@code HttpURLConnection} needs
 * Jersey's own method workaround, switched on for both clients.
 *
 * <p>
 * If the path-preserving client cannot be built (RESTEasy renamed what {@link PathPreservingClients} relies on), the
 * transport still exists but refuses every call with a destination with a {@link QStashException} that says what broke
 * and what to do, and one ERROR ({@code QSTASH022}) says the same when the first such publisher is created: RESTEasy's
 * default client would send every destination as {@code https:/host}, which QStash rejects. Management calls, which
 * use the default client anyway, go on working.
 */
final class Transport implements AutoCloseable {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    static final String ISSUES = "https://github.com/qstash-jakarta/qstash-jakarta/issues";

    private static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";
    private static final String JERSEY_METHOD_WORKAROUND = "jersey.config.client.httpUrlConnection.setMethodWorkaround";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final Credentials credentials;
    private final Retrier retrier;
    private final Telemetry telemetry;
    private final QStashApi destinations;
    private final String destinationsBroken; // why destinations is null although a token is set, else null
    private volatile QStashApi admin; // made on first use: most applications only publish

    Transport(Credentials credentials, Retrier retrier, Telemetry telemetry) {
        this(credentials, retrier, telemetry, PathPreservingClients.URL_CONNECTION_ENGINE);
    }

    /**
     * @param telemetry where the calls' spans and metrics go
     * @param engineName RESTEasy's URLConnection engine class; tests name one that is missing, as an upgrade may
     */
    Transport(Credentials credentials, Retrier retrier, Telemetry telemetry, String engineName) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        QStashApi client = null;
        String broken = null;
        if (credentials.hasToken()) {
            try {
                client = PathPreservingClients.build(newBuilder(), QStashApi.class, CONNECT_TIMEOUT_MILLIS,
                        READ_TIMEOUT_MILLIS, engineName);
            } catch (PathPreservingClients.NotPreserved e) {
                broken = "publishing is switched off: " + e.getMessage() + ", and RESTEasy's default client would "
                        + "send every destination to QStash as https:/host, which QStash rejects. Use a "
                        + "qstash-jakarta version that supports this RESTEasy version, or report this message with "
                        + "the server's name and version at " + ISSUES
                        + " (management calls without a destination still work)";
                if (REPORTED.compareAndSet(false, true)) {
                    LOG.log(Level.ERROR, "QSTASH022 {0}", broken);
                }
            }
        }
        this.destinations = client;
        this.destinationsBroken = broken;
    }

    /** Outside a server, what to add when no MicroProfile Rest Client implementation is on the class path. */
    static final String NO_REST_CLIENT = "no MicroProfile Rest Client implementation is on the class path; outside a "
            + "server add one: org.jboss.resteasy.microprofile:microprofile-rest-client (RESTEasy) or "
            + "org.glassfish.jersey.ext.microprofile:jersey-mp-rest-client with org.glassfish.jersey.inject:jersey-hk2 "
            + "and jakarta.interceptor:jakarta.interceptor-api (Jersey); see the README, \"Outside a server\"";

    private RestClientBuilder newBuilder() {
        RestClientBuilder builder;
        try {
            builder = RestClientBuilder.newBuilder();
        } catch (IllegalStateException | LinkageError e) { // "No RestClientBuilderResolver implementation found"
            throw new QStashConfigurationException(NO_REST_CLIENT + " (" + e.getMessage() + ")");
        }
        return builder
                .baseUri(credentials.baseUrl())
                .connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .register(new QStashClientFilter(credentials.token()))
                .register(QStashResponseExceptionMapper.class)
                .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE)
                .property(JERSEY_METHOD_WORKAROUND, Boolean.TRUE);
    }

    Credentials credentials() {
        return credentials;
    }

    /**
     * A call with a destination URL in its path that publishes nothing (creating a schedule), not safe to repeat
     * after a 5xx, in its own span; see the other form.
     */
    <T> CompletionStage<T> toDestination(ApiCall call, Function<Response, T> parse) {
        if (telemetry == Telemetry.NONE) {
            return toDestination(call, false, parse);
        }
        return tracedAsync(info("schedule", null, null, 0), () -> toDestination(call, false, parse));
    }

    Telemetry telemetry() {
        return telemetry;
    }

    /**
     * What a span of a call to this transport's QStash says.
     *
     * @param destinationHost the destination URL's host only, or {@code null}
     * @param destinationName the queue or URL group, or {@code null}
     * @param messages how many messages the call publishes
     */
    Telemetry.CallInfo info(String operation, String destinationHost, String destinationName, int messages) {
        return new Telemetry.CallInfo(operation, credentials.region(), credentials.baseUrl().getHost(),
                destinationHost, destinationName, messages);
    }

    /** {@code call} in its own span, current while it runs on this thread. */
    <T> T traced(Telemetry.CallInfo info, Supplier<T> call) {
        Telemetry.Call span = telemetry.start(info);
        if (span == Telemetry.Call.NONE) {
            return call.get();
        }
        T result;
        try (Telemetry.Scope scope = span.makeCurrent()) {
            result = call.get();
        } catch (RuntimeException | Error e) {
            span.failed(e);
            throw e;
        }
        span.succeeded(result);
        return result;
    }

    /** {@code call} in its own span, current while the call is started on this thread, ended when it completes. */
    <T> CompletionStage<T> tracedAsync(Telemetry.CallInfo info, Supplier<CompletionStage<T>> call) {
        Telemetry.Call span = telemetry.start(info);
        if (span == Telemetry.Call.NONE) {
            return call.get();
        }
        CompletionStage<T> stage;
        try (Telemetry.Scope scope = span.makeCurrent()) {
            stage = call.get();
        } catch (RuntimeException | Error e) {
            span.failed(e);
            throw e;
        }
        return stage.whenComplete((result, failure) -> {
            if (failure == null) {
                span.succeeded(result);
            } else {
                span.failed(failure);
            }
        });
    }

    /**
     * A call with a destination URL in its path; the answer parsed by {@code parse}.
     *
     * @param repeatable whether QStash takes it once however often it is sent (every message deduplicated), so that
     *        a 5xx may be retried
     */
    <T> CompletionStage<T> toDestination(ApiCall call, boolean repeatable, Function<Response, T> parse) {
        return send(call, true, repeatable, parse);
    }

    /** {@link #toDestination(ApiCall, boolean, Function)} synchronously, on the calling thread. */
    <T> T toDestinationNow(ApiCall call, boolean repeatable, Function<Response, T> parse) {
        QStashApi client = destinations(call);
        return parse.apply(retrier.call(call.describe() + " to " + credentials.baseUrl(), repeatable,
                () -> client.send(call)));
    }

    /** A management call whose answer is JSON; a {@code GET} may be retried after a 5xx. */
    <T> CompletionStage<T> json(ApiCall call, Function<JsonNode, T> parse) {
        if (telemetry == Telemetry.NONE) {
            return send(call, false, isRead(call), response -> parse.apply(Responses.json(response)));
        }
        return tracedAsync(info(call.describe(), null, null, 0),
                () -> send(call, false, isRead(call), response -> parse.apply(Responses.json(response))));
    }

    /** A management call whose answer does not matter beyond its status; a {@code GET} may be retried after a 5xx. */
    CompletionStage<Void> empty(ApiCall call) {
        if (telemetry == Telemetry.NONE) {
            return send(call, false, isRead(call), Transport::closed);
        }
        return tracedAsync(info(call.describe(), null, null, 0), () -> send(call, false, isRead(call),
                Transport::closed));
    }

    private static Void closed(Response response) {
        response.close();
        return null;
    }

    private static boolean isRead(ApiCall call) {
        return call.method().equals("GET");
    }

    /** The path-preserving client, or why there is none. */
    private QStashApi destinations(ApiCall call) {
        if (destinationsBroken != null) {
            throw new QStashException(call.describe() + " refused: " + destinationsBroken);
        }
        if (!credentials.hasToken()) {
            throw new QStashConfigurationException("No QStash token is configured for " + credentials.baseUrl()
                    + ": set " + credentials.missingToken());
        }
        return destinations;
    }

    private <T> CompletionStage<T> send(ApiCall call, boolean destination, boolean repeatable,
            Function<Response, T> parse) {
        if (destinationsBroken != null && destination) {
            return CompletableFuture.failedFuture(new QStashException(call.describe() + " refused: "
                    + destinationsBroken));
        }
        if (!credentials.hasToken()) {
            return CompletableFuture.failedFuture(new QStashConfigurationException(
                    "No QStash token is configured for " + credentials.baseUrl() + ": set "
                            + credentials.missingToken()));
        }
        QStashApi client = destination ? destinations : admin();
        return retrier.run(call.describe() + " to " + credentials.baseUrl(), repeatable, () -> client.call(call))
                .thenApply(parse);
    }

    private QStashApi admin() {
        QStashApi client = admin;
        if (client == null) {
            synchronized (this) {
                client = admin;
                if (client == null) {
                    client = newBuilder().build(QStashApi.class);
                    admin = client;
                }
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        Exception failure = null;
        for (QStashApi client : new QStashApi[]{destinations, admin}) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw new QStashException("closing the QStash client failed", failure);
        }
    }
}
