package dev.qstash.jakarta.impl.jaxrs;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.impl.verify.SpooledBody;

/**
 * What the filter established about the current request: the verified delivery and the body it read. The filter fills
 * it; {@link DeliveryProducer} and {@link VerifyQStashGuard} read it (as SmallRye JWT's {@code PrincipalProducer}
 * carries the token from its filter to the application). When the request ends, the body's temporary file, if any, is
 * released, whatever happened in between.
 *
 * <p>
 * A {@code @RequestScoped} bean that the extension adds as a synthetic bean ({@code QStashExtension}) rather than a
 * managed bean: creating a managed bean runs the server's whole injection machinery (on Payara, Jakarta EE resource
 * injection through HK2) once per request, which cost the receive path about a tenth of its throughput; a synthetic
 * bean is a constructor call.
 */
public class VerifiedRequest {

    private DeliveryImpl delivery;
    private SpooledBody body;
    private Telemetry.Receipt receipt = Telemetry.Receipt.NONE;

    /** Records a verified delivery and takes ownership of its body. */
    public void verified(DeliveryImpl verified, SpooledBody read) {
        verified(verified, read, Telemetry.Receipt.NONE);
    }

    /** Records a verified delivery, takes ownership of its body, and ends its telemetry span when that waits. */
    public void verified(DeliveryImpl verified, SpooledBody read, Telemetry.Receipt observed) {
        this.delivery = verified;
        this.body = read;
        this.receipt = observed;
    }

    /** Ends the delivery's span if it waits for the server span ({@link Telemetry.Receipt#emit()}). */
    public void emitSpan() {
        receipt.emit();
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

    /** Releases the body's temporary file, if any: called by the container when the request ends. */
    public void release() {
        receipt.emit();
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not release the temporary file of a QStash delivery", e);
            }
        }
    }
}
