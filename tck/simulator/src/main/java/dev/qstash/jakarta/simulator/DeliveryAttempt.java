package dev.qstash.jakarta.simulator;

/**
 * One attempt to deliver a message, as the simulator made it.
 *
 * @param messageId the message
 * @param url the URL called
 * @param retried the attempts before this one (the {@code Upstash-Retried} header sent)
 * @param status the destination's HTTP status, or 0 when no answer came (connection failed, timed out)
 * @param at when the attempt ended, epoch milliseconds
 */
public record DeliveryAttempt(String messageId, String url, int retried, int status, long at) {

    /** Whether the destination answered 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
