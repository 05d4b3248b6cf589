package dev.qstash.jakarta.impl.cdi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.DeliveryImpl;

/**
 * Produces the request-scoped {@link QStashDelivery}. The filter leaves the delivery as a JAX-RS request property,
 * which every supported server exposes as a servlet request attribute; injecting the JAX-RS request context into
 * beans is not portable (RESTEasy refuses it). The servlet request is looked up only when the delivery is first used,
 * so an application without servlets (publishing only) deploys fine.
 */
public class DeliveryProducer {

    @Produces
    @RequestScoped
    QStashDelivery delivery(Instance<HttpServletRequest> request) {
        if (request.isResolvable() && request.get().getAttribute(DeliveryImpl.ATTRIBUTE) instanceof QStashDelivery d) {
            return d;
        }
        return NotVerified.INSTANCE;
    }

    /** Stands in when the resource is not guarded by {@code @VerifyQStash}: every method says so. */
    enum NotVerified implements QStashDelivery {

        INSTANCE;

        private static IllegalStateException fail() {
            return new IllegalStateException("No verified QStash delivery in this request: annotate the resource "
                    + "class or method with @VerifyQStash");
        }

        @Override
        public String messageId() {
            throw fail();
        }

        @Override
        public int retried() {
            throw fail();
        }

        @Override
        public Optional<QStashRegion> region() {
            throw fail();
        }

        @Override
        public Optional<QStashRegion> verifiedWithRegionKeys() {
            throw fail();
        }

        @Override
        public SigningKey signingKey() {
            throw fail();
        }

        @Override
        public Optional<String> scheduleId() {
            throw fail();
        }

        @Override
        public Optional<String> urlGroup() {
            throw fail();
        }

        @Override
        public String subject() {
            throw fail();
        }

        @Override
        public Optional<String> tokenId() {
            throw fail();
        }

        @Override
        public Optional<Instant> issuedAt() {
            throw fail();
        }

        @Override
        public Instant expiresAt() {
            throw fail();
        }

        @Override
        public Map<String, Object> claims() {
            throw fail();
        }
    }
}
