package dev.qstash.jakarta.impl.client;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The QStash REST API as a MicroProfile Rest Client interface, built per region with
 * {@code RestClientBuilder.newBuilder().baseUri(regionUrl)}. Every call carries an {@link ApiCall}, which names the
 * real method, path, query and headers (see there for why). Answers outside 200-299 become exceptions in
 * {@link QStashResponseExceptionMapper}; answers are parsed with Jackson, so the server's JSON-B is never involved.
 *
 * <p>
 * The path is on the methods, not the interface: servers scan the jars of a WAR for classes and interfaces with a
 * class-level {@code @Path} and validate them as resources. Jersey (Payara) would find two {@code POST} methods of
 * the same path and media types ambiguous and refuse to deploy the application; without a class-level {@code @Path}
 * the interface is no resource at all.
 */
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public interface QStashApi {

    /**
     * Any call under {@code /v2}: {@link ApiCall#path()} is appended, {@link ApiCall#method()} replaces the
     * {@code POST}.
     */
    @POST
    @Path("/v2")
    CompletionStage<Response> call(ApiCall call);

    /**
     * The same call, synchronously, on the calling thread: what the synchronous publish methods use, so that they cost
     * no hand-over to the runtime's executor and back.
     */
    @POST
    @Path("/v2")
    Response send(ApiCall call);
}
