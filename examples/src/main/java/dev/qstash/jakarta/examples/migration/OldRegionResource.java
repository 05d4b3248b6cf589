package dev.qstash.jakarta.examples.migration;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;

/**
 * During a migration the old region keeps its own DLQ, logs and schedules, and may still have work to send: this
 * resource publishes through the EU region whatever the primary region is. Deliveries from there carry
 * {@code Upstash-Region: EU-CENTRAL-1} and are verified with the EU keys.
 */
@Path("old-region")
@RequestScoped
public class OldRegionResource {

    @Inject
    @ForRegion(QStashRegion.EU_CENTRAL_1)
    QStashPublisher oldRegion;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String publish(String body, @QueryParam("to") String to, @Context UriInfo uri) {
        String destination = to != null ? to : uri.getBaseUriBuilder().path("receive").build().toString();
        PublishResponse sent = oldRegion.publish(PublishRequest.toUrl(destination).body(body).build());
        return sent.messageId() + " via " + QStashRegion.EU_CENTRAL_1.name();
    }
}
