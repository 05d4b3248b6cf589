package dev.qstash.jakarta.tck.apps;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.VerifyQStash;

/** One guarded and one open method on the same class: the binding is per method. */
@Path("mixed")
@RequestScoped
public class MixedResource {

    @POST
    @Path("guarded")
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String guarded(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("mixed/guarded", messageId);
        ReceivedLog.call("mixed/guarded", messageId, body);
        return "guarded";
    }

    @POST
    @Path("open")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String open(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.call("mixed/open", messageId, body);
        return "open";
    }
}
