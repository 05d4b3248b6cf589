package dev.qstash.jakarta.examples.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.manage.DlqMessage;
import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.Message;

/**
 * The old region's dead-letter queue stays in the old region after a migration. This resource lists it and re-sends
 * its messages through the new (primary) region, optionally to a new address, deleting each dead letter once its
 * message is published again.
 *
 * <pre>
 * curl http://127.0.0.1:8080/qstash-examples/api/old-region/dlq
 * curl -X POST 'http://127.0.0.1:8080/qstash-examples/api/old-region/dlq/redrive?to=https://app.example.com/api/receive'
 * </pre>
 */
@Path("old-region/dlq")
@RequestScoped
public class OldRegionDeadLettersResource {

    @Inject
    @ForRegion(QStashRegion.EU_CENTRAL_1)
    QStashPublisher oldRegion;

    @Inject
    QStashPublisher primary;

    /** One line per dead letter: {@code dlqId url status}. The stream follows QStash's cursor page by page. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list() {
        return oldRegion.dlq().stream(Filter.none())
                .map(dead -> dead.dlqId() + " " + dead.message().url() + " " + dead.responseStatus())
                .collect(Collectors.joining("\n"));
    }

    /**
     * Publishes every dead letter's message again through the primary region, to {@code to} if given, else to its
     * original URL, then deletes the dead letter.
     */
    @POST
    @Path("redrive")
    @Produces(MediaType.TEXT_PLAIN)
    public String redrive(@QueryParam("to") String to) {
        String region = primary.region().map(QStashRegion::name).orElse("the primary region");
        List<String> sent = new ArrayList<>();
        for (DlqMessage dead : oldRegion.dlq().stream(Filter.none()).toList()) {
            Message message = dead.message();
            PublishRequest.Builder again = PublishRequest.toUrl(to != null ? to : message.url())
                    .method(message.method() != null ? message.method() : "POST");
            if (message.body() != null) {
                again.body(message.body());
            }
            List<String> contentType = message.headers().get("Content-Type");
            if (contentType != null && !contentType.isEmpty()) {
                again.contentType(contentType.get(0));
            }
            sent.add(primary.publish(again.build()).messageId());
            oldRegion.dlq().delete(dead.dlqId());
        }
        return sent.size() + " re-sent via " + region + (sent.isEmpty() ? "" : ": " + String.join(" ", sent));
    }
}
