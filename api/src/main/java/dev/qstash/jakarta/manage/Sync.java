package dev.qstash.jakarta.manage;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.qstash.jakarta.QStashException;

/** The synchronous forms: waits for the stage and rethrows its failure as it is. */
final class Sync {

    private Sync() {
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QStashException("interrupted while waiting for QStash", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new QStashException(String.valueOf(cause), cause);
        }
    }
}
