package dev.qstash.jakarta.examples.receive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.Idempotent;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.VerifyQStash;

/**
 * The destination QStash calls: {@code POST /qstash-examples/api/receive}, any content type, any query string. Only a
 * delivery with a valid {@code Upstash-Signature} gets in (others get 401 from the filter), and each message runs the
 * method once, however often QStash delivers it ({@code @Idempotent}; on a cluster with
 * {@code QSTASH_RECEIVE_STORE=jcache}, once across the cluster). {@code GET} lists what was received, newest last.
 */
@Path("receive")
@RequestScoped
public class ReceiveResource {

    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @Inject
    QStashDelivery delivery;

    @POST
    @VerifyQStash
    @Idempotent // QStash delivers at least once: this runs once per message id (see the README's Handling deliveries)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String receive(String body) {
        RECEIVED.add(delivery.messageId() + " from " + delivery.region().map(QStashRegion::name).orElse("?")
                + ", verified with the " + delivery.verifiedWithRegionKeys().map(r -> r.name() + " keys")
                        .orElse("default keys")
                + " (" + delivery.signingKey().name().toLowerCase() + " key), attempt " + (delivery.retried() + 1)
                + ": " + body);
        return "ok";
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String received() {
        return String.join("\n", RECEIVED);
    }
}
