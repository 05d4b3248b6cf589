package dev.qstash.jakarta.impl.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.qstash.jakarta.QStashException;

/**
 * Retries calls that failed at the network level, as the official SDK does: only when no HTTP answer came back
 * (an answer, even 429 or 5xx, is final), {@code retries} times, waiting {@code backoff(n)} before retry {@code n}.
 */
final class Retrier {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    /** The SDK's default wait: {@code exp(n) * 50} ms, about 50, 136, 369, 1004, 2730 ms. */
    static final IntFunction<Duration> DEFAULT_BACKOFF = n -> Duration.ofMillis(Math.round(Math.exp(n) * 50));

    private final int retries;
    private final IntFunction<Duration> backoff;

    Retrier(int retries, IntFunction<Duration> backoff) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        this.retries = retries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** @param call what is attempted, for messages (for example {@code POST https://.../v2/publish}) */
    <T> CompletableFuture<T> run(String call, Supplier<? extends CompletionStage<T>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, attempt, 0, result);
        return result;
    }

    private <T> void attempt(String call, Supplier<? extends CompletionStage<T>> attempt, int n,
            CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            QStashException answer = qstashException(cause);
            if (answer != null) {
                result.completeExceptionally(answer); // an answer from QStash, or ours: final, and typed
            } else if (!isNetworkFailure(cause)) {
                result.completeExceptionally(cause);
            } else if (n < retries) {
                Duration wait = backoff.apply(n);
                LOG.log(Level.INFO, "QSTASH020 {0} failed (attempt {1}/{2}), retrying in {3} ms: {4}", call, n + 1,
                        retries + 1, wait.toMillis(), rootMessage(cause));
                CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
                        .execute(() -> attempt(call, attempt, n + 1, result));
            } else {
                result.completeExceptionally(new QStashException(
                        call + " failed after " + (n + 1) + " attempt" + (n == 0 ? "" : "s") + ": "
                                + rootMessage(cause),
                        cause));
            }
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The typed exception anywhere in the chain: implementations may wrap the mapper's in a ProcessingException. */
    static QStashException qstashException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QStashException found) {
                return found;
            }
        }
        return null;
    }

    /** No HTTP answer: a connection refused, reset or timed out, which the JAX-RS client reports as I/O. */
    static boolean isNetworkFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
