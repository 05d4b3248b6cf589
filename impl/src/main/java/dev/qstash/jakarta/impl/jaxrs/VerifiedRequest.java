package dev.qstash.jakarta.impl.jaxrs;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;

import dev.qstash.jakarta.impl.verify.SpooledBody;

/**
 * What the filter established about the current request: the verified delivery and the body it read. The filter fills
 * it; {@link DeliveryProducer} and {@link VerifyQStashGuard} read it (as SmallRye JWT's {@code PrincipalProducer}
 * carries the token from its filter to the application). When the request ends, the body's temporary file, if any, is
 * released, whatever happened in between.
 */
@RequestScoped
public class VerifiedRequest {

    private DeliveryImpl delivery;
    private SpooledBody body;

    /** Records a verified delivery and takes ownership of its body. */
    public void verified(DeliveryImpl verified, SpooledBody read) {
        this.delivery = verified;
        this.body = read;
    }

    /** Whether the filter verified this request. */
    public boolean isVerified() {
        return delivery != null;
    }

    /** Marks the delivery as one an idempotent method saw fail before ({@link DeliveryImpl#seenBefore()}). */
    public void seenBefore() {
        if (delivery != null) {
            delivery = delivery.asSeenBefore();
        }
    }

    /** The verified delivery, or {@code null}. */
    public DeliveryImpl delivery() {
        return delivery;
    }

    @PreDestroy
    void release() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not release the temporary file of a QStash delivery", e);
            }
        }
    }
}
