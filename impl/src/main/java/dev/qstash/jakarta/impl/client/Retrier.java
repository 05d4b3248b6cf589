package dev.qstash.jakarta.impl.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.impl.config.ClientSettings;

/**
 * Retries calls, {@code retries} times at most whatever the causes:
 * <ul>
 * <li>network failures (no HTTP answer), always, waiting {@code backoff(n)} before retry {@code n}, as the official
 * SDK does;</li>
 * <li>429, when {@code rateLimitMaxWait} is positive, waiting until the answer's reset time when that is at most
 * {@code rateLimitMaxWait} away, else final at once;</li>
 * <li>5xx, when {@code retryServerErrors} is on and the call is {@code repeatable} (safe to send again: a read, or a
 * publish with deduplication), waiting {@code backoff(n)}.</li>
 * </ul>
 * Every other answer is final. Each retry is logged at INFO ({@code QSTASH020} network, {@code QSTASH023} 429,
 * {@code QSTASH024} 5xx); an answer that is still a failure after retries carries, as a suppressed exception, what
 * was tried.
 */
final class Retrier {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    /** The SDK's default wait: {@code exp(n) * 50} ms, about 50, 136, 369, 1004, 2730 ms. */
    static final IntFunction<Duration> DEFAULT_BACKOFF = n -> Duration.ofMillis(Math.round(Math.exp(n) * 50));

    /** A reset of at least this is in epoch milliseconds, of at least {@link #EPOCH_SECONDS} epoch seconds. */
    private static final long EPOCH_MILLIS = 100_000_000_000L;
    private static final long EPOCH_SECONDS = 1_000_000_000L;

    private final int retries;
    private final IntFunction<Duration> backoff;
    private final long rateLimitMaxWaitMillis;
    private final boolean retryServerErrors;
    private final LongSupplier clock;

    /** Network failures only: 429 and 5xx final. */
    Retrier(int retries, IntFunction<Duration> backoff) {
        this(retries, backoff, Duration.ZERO, false, System::currentTimeMillis);
    }

    Retrier(ClientSettings settings, IntFunction<Duration> backoff) {
        this(settings.retries(), backoff, settings.rateLimitMaxWait(), settings.retryServerErrors(),
                System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds, to compare with a 429's reset time */
    Retrier(int retries, IntFunction<Duration> backoff, Duration rateLimitMaxWait, boolean retryServerErrors,
            LongSupplier clock) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        this.retries = retries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.rateLimitMaxWaitMillis = rateLimitMaxWait.toMillis();
        this.retryServerErrors = retryServerErrors;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A call that is not safe to repeat after a 5xx. */
    <T> CompletableFuture<T> run(String call, Supplier<? extends CompletionStage<T>> attempt) {
        return run(call, false, attempt);
    }

    /**
     * @param call what is attempted, for messages (for example {@code POST /v2/publish to https://...})
     * @param repeatable whether sending the call again after a 5xx is safe (a read, a deduplicated publish)
     */
    <T> CompletableFuture<T> run(String call, boolean repeatable, Supplier<? extends CompletionStage<T>> attempt) {
        Run<T> run = new Run<>(call, repeatable, attempt);
        attempt(run, 0);
        return run.result;
    }

    private static final class Run<T> {

        final String call;
        final boolean repeatable;
        final Supplier<? extends CompletionStage<T>> attempt;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final List<String> retried = new ArrayList<>(0); // what each retry followed, in order

        Run(String call, boolean repeatable, Supplier<? extends CompletionStage<T>> attempt) {
            this.call = call;
            this.repeatable = repeatable;
            this.attempt = attempt;
        }
    }

    private <T> void attempt(Run<T> run, int n) {
        CompletionStage<T> stage;
        try {
            stage = run.attempt.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                run.result.complete(value);
            } else {
                failed(run, n, unwrap(failure));
            }
        });
    }

    private <T> void failed(Run<T> run, int n, Throwable cause) {
        Duration wait = retryAfter(run.call, run.repeatable, run.retried, n, cause);
        if (wait == null) {
            run.result.completeExceptionally(finalFailure(run.call, run.retried, n, cause));
            return;
        }
        CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(() -> attempt(run, n + 1));
    }

    /**
     * The synchronous form of {@link #run(String, boolean, Supplier)}: every attempt, and every wait, on the calling
     * thread, so a synchronous publish costs no hand-over between threads.
     *
     * @throws RuntimeException what {@link #run} would complete exceptionally with
     */
    <T> T call(String call, boolean repeatable, Supplier<T> attempt) {
        List<String> retried = new ArrayList<>(0);
        for (int n = 0;; n++) {
            RuntimeException failure;
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            Throwable cause = unwrap(failure);
            Duration wait = retryAfter(call, repeatable, retried, n, cause);
            if (wait == null) {
                Throwable last = finalFailure(call, retried, n, cause);
                throw last instanceof RuntimeException runtime ? runtime : new QStashException(last.getMessage(), last);
            }
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QStashException("interrupted while waiting to retry " + call, e);
            }
        }
    }

    /**
     * The wait before retrying attempt {@code n} (0 based) that failed with {@code cause}, with the retry noted in
     * {@code retried} and logged; {@code null} when the failure is final.
     */
    private Duration retryAfter(String call, boolean repeatable, List<String> retried, int n, Throwable cause) {
        QStashException answer = qstashException(cause);
        if (answer == null && !isNetworkFailure(cause) || n >= retries) {
            return null;
        }
        String what;
        Duration wait;
        String code;
        if (answer == null) {
            what = rootMessage(cause);
            wait = backoff.apply(n);
            code = "QSTASH020";
        } else if (answer instanceof QStashRateLimitException limited) {
            what = "429 " + limited.kind().name().toLowerCase(Locale.ROOT) + " rate limit";
            wait = rateLimitWait(limited, n);
            code = "QSTASH023";
        } else if (answer instanceof QStashApiException api && api.status() >= 500 && api.status() <= 599
                && retryServerErrors && repeatable) {
            what = Integer.toString(api.status());
            wait = backoff.apply(n);
            code = "QSTASH024";
        } else {
            return null;
        }
        if (wait == null) {
            return null;
        }
        retried.add(what);
        LOG.log(Level.INFO, "{0} {1} failed (attempt {2}/{3}: {4}), retrying in {5} ms", code, call, n + 1,
                retries + 1, what, Long.toString(wait.toMillis()));
        return wait;
    }

    /** What a run that stops after attempt {@code n} (0 based) failed with {@code cause} ends with. */
    private static Throwable finalFailure(String call, List<String> retried, int n, Throwable cause) {
        QStashException answer = qstashException(cause);
        if (answer == null) {
            return isNetworkFailure(cause)
                    ? new QStashException(call + " failed after " + (n + 1) + " attempt" + (n == 0 ? "" : "s") + ": "
                            + rootMessage(cause), cause)
                    : cause; // ours: final as it is
        }
        if (!retried.isEmpty()) {
            answer.addSuppressed(new QStashException(call + " answered this at attempt " + (n + 1)
                    + " (retried after: " + String.join(", ", retried) + ")"));
        }
        return answer; // an answer from QStash, or ours: typed
    }

    /**
     * How long until the limit resets, if retrying is on and that is at most the maximum wait; else {@code null}. A
     * reset already past (clocks differ) waits the backoff instead; one without a reset header too.
     */
    private Duration rateLimitWait(QStashRateLimitException limited, int n) {
        if (rateLimitMaxWaitMillis <= 0) {
            return null;
        }
        long waitMillis = 0;
        if (limited.reset().isPresent()) {
            long reset = limited.reset().getAsLong();
            long now = clock.getAsLong();
            long resetMillis = reset >= EPOCH_MILLIS
                    ? reset
                    : reset >= EPOCH_SECONDS ? reset * 1000 : now + reset * 1000;
            waitMillis = resetMillis - now;
        }
        Duration wait = waitMillis > 0 ? Duration.ofMillis(waitMillis) : backoff.apply(n);
        return wait.toMillis() <= rateLimitMaxWaitMillis ? wait : null;
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
