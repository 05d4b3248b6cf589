package dev.qstash.jakarta.impl.jaxrs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;

/**
 * Produces the request-scoped {@link QStashDelivery} from the request's {@link VerifiedRequest}, which the filter
 * filled: no servlet attribute, no lookup. Produced on first use, after the filter ran; a request the filter did not
 * verify gets a stand-in that says so on every call.
 */
public class DeliveryProducer {

    @Produces
    @RequestScoped
    static QStashDelivery delivery(VerifiedRequest request) { // static: no producer instance to create per request
        DeliveryImpl delivery = request.delivery();
        return delivery != null ? delivery : NotVerified.INSTANCE;
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
