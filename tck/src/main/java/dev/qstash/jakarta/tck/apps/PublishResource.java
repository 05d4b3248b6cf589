package dev.qstash.jakarta.tck.apps;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;

/**
 * Publishes through the injected publishers: {@code POST /api/publish?to=<url>&via=primary|eu|us} answers
 * {@code <messageId> <region>}, or 502 with the exception's class and message.
 */
@Path("publish")
@RequestScoped
public class PublishResource {

    @Inject
    QStashPublisher primary;

    @Inject
    @ForRegion(QStashRegion.EU_CENTRAL_1)
    QStashPublisher eu;

    @Inject
    @ForRegion(QStashRegion.US_EAST_1)
    QStashPublisher us;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(@QueryParam("to") String to, @QueryParam("via") String via, String body) {
        QStashPublisher publisher = "eu".equals(via) ? eu : "us".equals(via) ? us : primary;
        try {
            PublishResponse sent = publisher.publish(PublishRequest.toUrl(to).body(body).build());
            return Response.ok(sent.messageId() + " " + publisher.region().map(QStashRegion::name).orElse("-"))
                    .build();
        } catch (QStashException e) {
            return Response.status(502).entity(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
