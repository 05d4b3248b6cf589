package dev.qstash.jakarta.impl.publish;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The QStash REST API as a MicroProfile Rest Client interface, built per region with
 * {@code RestClientBuilder.newBuilder().baseUri(regionUrl)}. Destinations and headers travel in the {@link ApiCall}
 * entity (see there). Answers outside 200-299 become exceptions in {@link QStashResponseExceptionMapper}; answers
 * are parsed with Jackson by {@link Responses}, so the server's JSON-B is never involved.
 */
@Path("/v2")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public interface QStashApi {

    /** {@code POST /v2/publish/{destination}}: a URL or a URL group. */
    @POST
    @Path("/publish")
    CompletionStage<Response> publish(ApiCall call);

    /** {@code POST /v2/enqueue/{queue}/{destination}}. */
    @POST
    @Path("/enqueue/{queue}")
    CompletionStage<Response> enqueue(@PathParam("queue") String queue, ApiCall call);

    /** {@code POST /v2/batch} with a JSON array. */
    @POST
    @Path("/batch")
    CompletionStage<Response> batch(ApiCall call);
}
