package dev.qstash.jakarta.tck.apps;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.VerifyQStash;

/** Guarded at class level: every method of it needs a valid signature. */
@Path("guarded")
@VerifyQStash
@RequestScoped
public class GuardedResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String post(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("guarded", messageId);
        ReceivedLog.call("guarded", messageId, body);
        return "guarded class";
    }
}
