package dev.qstash.jakarta.tck.apps;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** No binding: the filter must leave it alone. */
@Path("open")
public class OpenResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String open(byte[] body, @HeaderParam("Upstash-Message-Id") String messageId) {
        ReceivedLog.call("open", messageId, body);
        return "open " + body.length;
    }
}
