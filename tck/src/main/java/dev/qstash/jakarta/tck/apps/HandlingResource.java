package dev.qstash.jakarta.tck.apps;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qstash.jakarta.Idempotent;
import dev.qstash.jakarta.NonRetryableDeliveryException;
import dev.qstash.jakarta.QStashCallback;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.RetryDeliveryLaterException;
import dev.qstash.jakarta.VerifyQStash;

/**
 * Destinations for the delivery-handling scenarios, under {@code /api/handling}. Each notes its
 * {@code Upstash-Message-Id} in {@code /api/entered} when it runs, and a line in {@code /api/received}.
 */
@Path("handling")
@RequestScoped
@VerifyQStash
public class HandlingResource {

    @Inject
    QStashDelivery delivery;

    /**
     * Idempotent: runs once per message. With the body {@code fail-first}, an attempt that has not seen the message
     * fail before throws, so the retry is what succeeds.
     */
    @POST
    @Path("once")
    @Idempotent
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String once(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("once", messageId);
        ReceivedLog.note("once", delivery.messageId(), "retried=" + delivery.retried(),
                "seen-before=" + delivery.seenBefore());
        if (new String(body, StandardCharsets.UTF_8).equals("fail-first") && !delivery.seenBefore()) {
            throw new IllegalStateException("the first attempt fails (a TCK scenario)");
        }
        return "processed";
    }

    /** Never retry: 489 with {@code Upstash-NonRetryable-Error: true}. */
    @POST
    @Path("never")
    @Consumes(MediaType.WILDCARD)
    public void never(@HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("never", messageId);
        throw new NonRetryableDeliveryException("this message can never be processed");
    }

    /** The first attempt asks to be retried in 3 s, as delta-seconds; later attempts succeed. */
    @POST
    @Path("later")
    @Consumes(MediaType.WILDCARD)
    public String later(@HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("later", messageId);
        if (delivery.retried() == 0) {
            throw RetryDeliveryLaterException.after(Duration.ofSeconds(3));
        }
        return "processed";
    }

    /** The first attempt asks to be retried at a time 4 s ahead, as an HTTP date; later attempts succeed. */
    @POST
    @Path("later-at")
    @Consumes(MediaType.WILDCARD)
    public String laterAt(@HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("later-at", messageId);
        if (delivery.retried() == 0) {
            throw RetryDeliveryLaterException.at(Instant.now().plusSeconds(4));
        }
        return "processed";
    }

    /** Always fails with 500: the source of failure callbacks. */
    @POST
    @Path("fails")
    @Consumes(MediaType.WILDCARD)
    public Response fails(@HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("fails", messageId);
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity("out of stock").build();
    }

    /** A callback or failure callback, read as the typed record. */
    @POST
    @Path("callback")
    @Consumes(MediaType.WILDCARD)
    public String callback(QStashCallback callback, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("callback", messageId);
        ReceivedLog.note("callback", callback.sourceMessageId(), "status=" + callback.status(),
                "failure=" + callback.isFailure(), "dlqId=" + callback.dlqId().orElse("-"),
                "retried=" + callback.retried(), "maxRetries=" + callback.maxRetries(),
                "body=" + callback.bodyText(), "sourceBody=" + callback.sourceBodyText(), "url=" + callback.url(),
                "method=" + callback.method());
        return "ok";
    }
}
