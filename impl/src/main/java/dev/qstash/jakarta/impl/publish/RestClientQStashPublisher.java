package dev.qstash.jakarta.impl.publish;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.Credentials;

/**
 * {@link QStashPublisher} over a MicroProfile Rest Client bound to one base URL and token. Without a token the
 * publisher still exists (an injection point must resolve), and every call fails with a
 * {@link QStashConfigurationException} naming the keys to set.
 */
public final class RestClientQStashPublisher implements QStashPublisher {

    private static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final Credentials credentials;
    private final Retrier retrier;
    private final QStashApi api;

    /** A publisher with the SDK's default backoff. */
    public static RestClientQStashPublisher create(Credentials credentials, int retries) {
        return new RestClientQStashPublisher(credentials, new Retrier(retries, Retrier.DEFAULT_BACKOFF));
    }

    RestClientQStashPublisher(Credentials credentials, Retrier retrier) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.api = credentials.hasToken() ? newClient(credentials) : null;
    }

    private static QStashApi newClient(Credentials credentials) {
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(credentials.baseUrl())
                .connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .register(new QStashClientFilter(credentials.token()))
                .register(QStashResponseExceptionMapper.class)
                .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE);
        return PathPreservingClients.build(builder, QStashApi.class, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
    }

    @Override
    public Optional<QStashRegion> region() {
        return credentials.region();
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        return await(publishAsync(request));
    }

    @Override
    public CompletionStage<PublishResponse> publishAsync(PublishRequest request) {
        requireDestination(request, false);
        return call(request, Responses::single);
    }

    @Override
    public List<PublishResponse> publishToUrlGroup(PublishRequest request) {
        return await(publishToUrlGroupAsync(request));
    }

    @Override
    public CompletionStage<List<PublishResponse>> publishToUrlGroupAsync(PublishRequest request) {
        requireDestination(request, true);
        return call(request, Responses::list);
    }

    @Override
    public List<List<PublishResponse>> batch(List<PublishRequest> requests) {
        return await(batchAsync(requests));
    }

    @Override
    public CompletionStage<List<List<PublishResponse>>> batchAsync(List<PublishRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one request");
        }
        ApiCall call = WireFormat.batchCall(requests);
        return send("POST /v2/batch", () -> api.batch(call), Responses::batch);
    }

    private <T> CompletionStage<T> call(PublishRequest request, Function<Response, T> parse) {
        ApiCall call = WireFormat.publishCall(request);
        if (request.queue() == null) {
            return send("POST /v2/publish", () -> api.publish(call), parse);
        }
        return send("POST /v2/enqueue/" + request.queue(), () -> api.enqueue(request.queue(), call), parse);
    }

    private <T> CompletionStage<T> send(String what, Supplier<CompletionStage<Response>> attempt,
            Function<Response, T> parse) {
        if (api == null) {
            return CompletableFuture.failedFuture(new QStashConfigurationException(
                    "No QStash token is configured for " + credentials.baseUrl() + ": set "
                            + credentials.missingToken()));
        }
        return retrier.run(what + " to " + credentials.baseUrl(), attempt).thenApply(parse);
    }

    private static void requireDestination(PublishRequest request, boolean urlGroup) {
        Objects.requireNonNull(request, "request");
        if (request.isUrlGroup() != urlGroup) {
            throw new IllegalArgumentException(urlGroup
                    ? request + " targets a URL; use publish(...)"
                    : request + " targets a URL group; use publishToUrlGroup(...)");
        }
    }

    /** The synchronous forms: the async result, its failure rethrown as it is. */
    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QStashException("interrupted while waiting for QStash", e);
        } catch (ExecutionException e) {
            Throwable cause = Retrier.unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new QStashException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new QStashException("closing the QStash client failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "QStashPublisher[" + credentials + "]";
    }
}
