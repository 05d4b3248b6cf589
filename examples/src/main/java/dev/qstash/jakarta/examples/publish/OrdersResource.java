package dev.qstash.jakarta.examples.publish;

import java.time.Duration;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;

/**
 * Publishing through the primary region. QStash calls the destination later; by default that is this application's
 * own {@code /api/receive}, so the example shows the whole round trip.
 *
 * <pre>
 * curl -X POST 'http://127.0.0.1:8080/qstash-examples/api/orders/42?item=book&amp;quantity=2'
 * curl -X POST -H 'Content-Type: text/plain' -d 'hello' http://127.0.0.1:8080/qstash-examples/api/orders/raw
 * </pre>
 */
@Path("orders")
@RequestScoped
public class OrdersResource {

    @Inject
    QStashPublisher publisher;

    /** A JSON message, delivered after a short delay, deduplicated by order id. */
    @POST
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String order(@PathParam("id") String id, @QueryParam("item") String item,
            @QueryParam("quantity") int quantity, @QueryParam("to") String to, @Context UriInfo uri) {
        PublishResponse sent = publisher.publish(PublishRequest.toUrl(destination(to, uri))
                .jsonBody(new Order(id, item == null ? "book" : item, Math.max(1, quantity)))
                .delay(Duration.ofSeconds(1))
                .deduplicationId("order-" + id)
                .retries(3)
                .build());
        return describe(sent, publisher);
    }

    /** A raw text message, sent as it is. */
    @POST
    @Path("raw")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String raw(String body, @QueryParam("to") String to, @Context UriInfo uri) {
        PublishResponse sent = publisher.publish(PublishRequest.toUrl(destination(to, uri)).body(body)
                .contentType(MediaType.TEXT_PLAIN).build());
        return describe(sent, publisher);
    }

    static String destination(String to, UriInfo uri) {
        return to != null ? to : uri.getBaseUriBuilder().path("receive").build().toString();
    }

    static String describe(PublishResponse sent, QStashPublisher via) {
        return sent.messageId() + (sent.deduplicated() ? " (duplicate)" : "") + " via "
                + via.region().map(QStashRegion::name).orElse("the configured URL");
    }

}
