package dev.qstash.jakarta.tck.apps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.manage.BulkResult;
import dev.qstash.jakarta.manage.Endpoint;
import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.LogEntry;
import dev.qstash.jakarta.manage.Page;
import dev.qstash.jakarta.manage.Queue;
import dev.qstash.jakarta.manage.ScheduleRequest;

/**
 * Drives the management API through the injected publisher, answering plain text, or 502 with the exception's class
 * and message. Also two more destinations: {@code second} (verified) and {@code flaky} (verified, answers 500 until
 * healed).
 */
@Path("manage")
@RequestScoped
public class ManageResource {

    private static final AtomicBoolean FAILING = new AtomicBoolean(true);

    @Inject
    QStashPublisher publisher;

    @Inject
    QStashDelivery delivery;

    private interface Call {

        String run();
    }

    private static Response answer(Call call) {
        try {
            return Response.ok(call.run()).build();
        } catch (QStashException | IllegalArgumentException e) {
            return Response.status(502).entity(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    @POST
    @Path("schedules")
    @Produces(MediaType.TEXT_PLAIN)
    public Response createSchedule(@QueryParam("to") String to, @QueryParam("cron") String cron, String body) {
        return answer(() -> publisher.schedules().create(ScheduleRequest.of(cron,
                PublishRequest.toUrl(to).body(body).contentType("text/plain").build())));
    }

    @POST
    @Path("schedules/{id}/{action}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response schedule(@PathParam("id") String id, @PathParam("action") String action) {
        return answer(() -> {
            switch (action) {
                case "pause" -> publisher.schedules().pause(id);
                case "resume" -> publisher.schedules().resume(id);
                default -> publisher.schedules().delete(id);
            }
            return Boolean.toString(publisher.schedules().get(id).paused());
        });
    }

    @POST
    @Path("queues/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response queue(@PathParam("name") String name, @QueryParam("action") String action) {
        return answer(() -> {
            switch (action) {
                case "create-paused" -> publisher.queues().upsert(name, 1, true);
                case "pause" -> publisher.queues().pause(name);
                default -> publisher.queues().resume(name);
            }
            return "ok";
        });
    }

    @GET
    @Path("queues/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response queue(@PathParam("name") String name) {
        return answer(() -> {
            Queue queue = publisher.queues().get(name);
            return queue.lag() + " " + queue.paused();
        });
    }

    @POST
    @Path("queues/{name}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response enqueue(@PathParam("name") String name, @QueryParam("to") String to, String body) {
        return answer(() -> publisher.enqueue(name, PublishRequest.toUrl(to).body(body).build()).messageId());
    }

    @POST
    @Path("once")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publishOnce(@QueryParam("to") String to, String body) {
        return answer(() -> publisher.publish(PublishRequest.toUrl(to).body(body).retries(0).build()).messageId());
    }

    @POST
    @Path("groups/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response addEndpoints(@PathParam("name") String name, @QueryParam("to") List<String> urls) {
        return answer(() -> {
            publisher.urlGroups().addEndpoints(name, urls.stream().map(Endpoint::url).toList());
            return Integer.toString(publisher.urlGroups().get(name).endpoints().size());
        });
    }

    /** Removes endpoints by URL (a {@code DELETE} with a JSON body); answers how many are left. */
    @POST
    @Path("groups/{name}/removed")
    @Produces(MediaType.TEXT_PLAIN)
    public Response removeEndpoints(@PathParam("name") String name, @QueryParam("to") List<String> urls) {
        return answer(() -> {
            publisher.urlGroups().removeEndpoints(name, urls.stream().map(Endpoint::url).toList());
            return Integer.toString(publisher.urlGroups().get(name).endpoints().size());
        });
    }

    /** Cancels one message; answers how many QStash cancelled. */
    @POST
    @Path("messages/{id}/cancel")
    @Produces(MediaType.TEXT_PLAIN)
    public Response cancel(@PathParam("id") String id) {
        return answer(() -> Integer.toString(publisher.messages().cancel(id)));
    }

    @POST
    @Path("groups/{name}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publishToGroup(@PathParam("name") String name, String body) {
        return answer(() -> publisher.publishToUrlGroup(PublishRequest.toUrlGroup(name).body(body).build()).stream()
                .map(PublishResponse::messageId).collect(Collectors.joining(" ")));
    }

    /** The dead letters for a URL, through the stream: {@code dlqId status} per line. */
    @GET
    @Path("dlq")
    @Produces(MediaType.TEXT_PLAIN)
    public Response dlq(@QueryParam("url") String url) {
        return answer(() -> publisher.dlq().stream(Filter.builder().url(url).build())
                .map(d -> d.dlqId() + " " + d.responseStatus()).collect(Collectors.joining("\n")));
    }

    @POST
    @Path("dlq/retry")
    @Produces(MediaType.TEXT_PLAIN)
    public Response retry(@QueryParam("url") String url) {
        return answer(() -> {
            BulkResult retried = publisher.dlq().retry(Filter.builder().url(url).build());
            return retried.count() + " " + String.join(" ", retried.messageIds());
        });
    }

    /**
     * The logs of a URL group, paged by hand {@code count} at a time and again through the stream:
     * {@code pages entries streamed} and then {@code messageId state} per entry.
     */
    @GET
    @Path("logs")
    @Produces(MediaType.TEXT_PLAIN)
    public Response logs(@QueryParam("group") String group, @QueryParam("count") int count) {
        return answer(() -> {
            Filter filter = Filter.builder().urlGroup(group).build();
            List<LogEntry> paged = new ArrayList<>();
            int pages = 0;
            String cursor = null;
            do {
                Page<LogEntry> page = publisher.logs().list(filter, count, cursor);
                pages++;
                paged.addAll(page.items());
                cursor = page.cursor();
            } while (cursor != null);
            long streamed = publisher.logs().stream(filter).count();
            Set<String> lines = new LinkedHashSet<>();
            paged.forEach(e -> lines.add(e.messageId() + " " + e.state()));
            return pages + " " + paged.size() + " " + streamed + "\n" + String.join("\n", lines);
        });
    }

    @POST
    @Path("second")
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String second(byte[] body, @HeaderParam("Content-Type") String contentType) {
        ReceivedLog.delivery("second", delivery, body, contentType);
        return "received";
    }

    @POST
    @Path("flaky")
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response flaky(byte[] body, @HeaderParam("Content-Type") String contentType) {
        if (FAILING.get()) {
            return Response.status(500).entity("failing on purpose").build();
        }
        ReceivedLog.delivery("flaky", delivery, body, contentType);
        return Response.ok("received").build();
    }

    @POST
    @Path("flaky/heal")
    @Produces(MediaType.TEXT_PLAIN)
    public String heal() {
        FAILING.set(false);
        return "healed";
    }

}
