package dev.qstash.jakarta.tck.apps;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.VerifyQStash;

/** A QStash destination guarded at method level; also serves the logs of what was received (see ReceivedLog). */
@Path("/")
@RequestScoped
public class ReceiveResource {

    @Inject
    QStashDelivery delivery;

    @POST
    @Path("receive")
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String receive(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("receive", messageId);
        ReceivedLog.delivery("receive", delivery, body, contentType);
        return "received";
    }

    @GET
    @Path("received")
    @Produces(MediaType.TEXT_PLAIN)
    public String received() {
        return String.join("\n", ReceivedLog.lines());
    }

    @GET
    @Path("entered")
    @Produces(MediaType.TEXT_PLAIN)
    public String entered() {
        return String.join("\n", ReceivedLog.entered());
    }
}
