package dev.qstash.jakarta.tck.observe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import dev.qstash.jakarta.VerifyQStash;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The observe scenarios' application, under {@code /api/traced}: publishes from inside the server's span of a
 * traced request, receives verified deliveries noting their {@code traceparent} and the current span, and shows what
 * the deployment's {@link TelemetryMemory} exporters were given. Uses the server's OpenTelemetry API only.
 */
@Path("traced")
@RequestScoped
public class TracingResource {

    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();

    @Inject
    QStashPublisher primary;

    @Inject
    @ForRegion(QStashRegion.US_EAST_1)
    QStashPublisher us;

    /**
     * Publishes {@code body} to {@code to} through {@code via} ({@code primary} or {@code us}), forwarding the
     * {@code traceparent} given, if any, as the application's own; answers {@code <traceId> <messageId>} (the trace
     * of this request's server span), or 502 with the exception's class.
     */
    @POST
    @Path("publish")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(@QueryParam("to") String to, @QueryParam("via") String via,
            @QueryParam("traceparent") String own, String body) {
        String traceId = Span.current().getSpanContext().getTraceId();
        PublishRequest.Builder request = PublishRequest.toUrl(to).body(body);
        if (own != null) {
            request.header("traceparent", own);
        }
        try {
            PublishResponse sent = ("us".equals(via) ? us : primary).publish(request.build());
            return Response.ok(traceId + " " + sent.messageId()).build();
        } catch (QStashException e) {
            return Response.status(502).entity(e.getClass().getSimpleName()).build();
        }
    }

    /** Publishes two messages to {@code to} in one batch; answers {@code <traceId> <messageId> <messageId>}. */
    @POST
    @Path("batch")
    @Produces(MediaType.TEXT_PLAIN)
    public String batch(@QueryParam("to") String to) {
        String traceId = Span.current().getSpanContext().getTraceId();
        List<List<PublishResponse>> sent = primary.batch(List.of(PublishRequest.toUrl(to).body("one").build(),
                PublishRequest.toUrl(to).body("two").build()));
        return traceId + " " + sent.get(0).get(0).messageId() + " " + sent.get(1).get(0).messageId();
    }

    /** A verified destination: notes {@code <messageId> <traceparent|-> <traceId> <spanId>} of the current span. */
    @POST
    @Path("receive")
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String receive(@HeaderParam("Upstash-Message-Id") String messageId,
            @HeaderParam("traceparent") String traceparent) {
        SpanContext current = Span.current().getSpanContext();
        RECEIVED.put(messageId, messageId + " " + (traceparent == null ? "-" : traceparent) + " "
                + current.getTraceId() + " " + current.getSpanId());
        return "received";
    }

    /** One line per delivery received, as {@link #receive} noted it. */
    @GET
    @Path("received")
    @Produces(MediaType.TEXT_PLAIN)
    public String received() {
        return String.join("\n", RECEIVED.values());
    }

    /** The spans exported so far, one per line (see {@link TelemetryMemory#spans()}). */
    @GET
    @Path("spans")
    @Produces(MediaType.TEXT_PLAIN)
    public String spans() {
        return String.join("\n", TelemetryMemory.spans());
    }

    /** The {@code qstash.*} counters exported last, one per line (see {@link TelemetryMemory#sums()}). */
    @GET
    @Path("metrics")
    @Produces(MediaType.TEXT_PLAIN)
    public String metrics() {
        return String.join("\n", TelemetryMemory.sums());
    }
}
