package dev.qstash.jakarta.tck.apps;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.VerifyQStash;

/**
 * Guarded at class level and handed to JAX-RS as an instance ({@code Application#getSingletons()}): not made by CDI,
 * so no CDI interceptor can stand in for a missing filter.
 */
@Path("singleton")
@VerifyQStash
public class SingletonResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String post(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.entered("singleton", messageId);
        ReceivedLog.call("singleton", messageId, body);
        return "singleton";
    }
}
