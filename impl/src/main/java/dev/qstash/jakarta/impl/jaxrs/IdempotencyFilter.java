package dev.qstash.jakarta.impl.jaxrs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qstash.jakarta.Idempotent;
import dev.qstash.jakarta.impl.receive.Idempotency;

/**
 * The {@link Idempotent} rules for one resource method (registered on it alone by {@link IdempotencyFeature}): before
 * the method, claims the verified delivery's message id and answers a processed message 200 and a message being
 * processed 409 with {@code Retry-After}, without running the method; after it, records a 2xx answer as processed and
 * releases the message on any other. A request the signature filter did not verify is refused: its message id cannot
 * be trusted.
 */
public final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private final String endpoint;
    private volatile Wiring wiring;

    private record Wiring(ReceivePath path, VerifiedRequest request, HeldClaim claim) {
    }

    IdempotencyFilter(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Wiring wired = wiring();
        if (wired == null) {
            request.abortWith(QStashSignatureFilter.notConfigured());
            return;
        }
        DeliveryImpl delivery = wired.request().delivery(); // null when the signature filter did not verify it
        if (delivery == null) {
            LOG.log(Level.ERROR, "QSTASH033 refused a call of {0}: it is @Idempotent but the request was not "
                    + "verified; annotate it with @VerifyQStash too", endpoint);
            request.abortWith(QStashSignatureFilter.notConfigured());
            return;
        }
        if (delivery.messageId().isEmpty()) {
            LOG.log(Level.WARNING, "QSTASH034 {0} runs a delivery without Upstash-Message-Id: it cannot be "
                    + "deduplicated", endpoint);
            return;
        }
        Idempotency idempotency = wired.path().handling().idempotency();
        Idempotency.Decision decision;
        try {
            decision = idempotency.claim(endpoint, delivery.messageId());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "QSTASH035 refused a delivery to {0}: the delivery store failed ({1})", endpoint,
                    e.getMessage());
            request.abortWith(Response.serverError().type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("QStash delivery store unavailable").build());
            return;
        }
        switch (decision.verdict()) {
            case DONE -> {
                LOG.log(Level.DEBUG, "QSTASH036 {0} processed {1} already: answered without running it", endpoint,
                        delivery.messageId());
                request.abortWith(Response.ok().build());
            }
            case BUSY -> {
                LOG.log(Level.DEBUG, "QSTASH037 {0} is processing {1} already: retry later", endpoint,
                        delivery.messageId());
                request.abortWith(Response.status(Response.Status.CONFLICT)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(wired.path().handling().retryAfterSeconds()))
                        .type(MediaType.TEXT_PLAIN_TYPE).entity("This message is being processed").build());
            }
            case RUN -> {
                wired.claim().hold(idempotency, decision.claim());
                if (decision.claim().seenBefore()) {
                    wired.request().seenBefore();
                }
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Wiring wired = wiring;
        if (wired != null && wired.request().isVerified()) {
            int status = response.getStatus();
            wired.claim().settle(status >= 200 && status < 300);
        }
    }

    private Wiring wiring() {
        Wiring found = wiring;
        if (found == null) {
            try {
                CDI<Object> cdi = CDI.current();
                found = new Wiring(cdi.select(ReceivePath.class).get(), cdi.select(VerifiedRequest.class).get(),
                        cdi.select(HeldClaim.class).get());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "QSTASH014 cannot handle QStash deliveries: the qstash-jakarta CDI extension is "
                        + "not active in this application ({0})", e.toString());
                return null;
            }
            wiring = found;
        }
        return found;
    }
}
