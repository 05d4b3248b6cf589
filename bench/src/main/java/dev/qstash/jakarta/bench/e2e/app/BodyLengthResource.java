package dev.qstash.jakarta.bench.e2e.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.VerifyQStash;

/**
 * The same work behind two endpoints: read the body, answer its length. Only {@code signed} carries
 * {@link VerifyQStash}, so what separates their throughput is verification as a delivery meets it: the filter
 * buffering the body, checking the token against it and leaving the delivery for the request.
 */
@Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.TEXT_PLAIN)
public class BodyLengthResource {

    @POST
    @Path("unsigned")
    public String unsigned(byte[] body) {
        return Integer.toString(body.length);
    }

    @POST
    @Path("signed")
    @VerifyQStash
    public String signed(byte[] body) {
        return Integer.toString(body.length);
    }
}
