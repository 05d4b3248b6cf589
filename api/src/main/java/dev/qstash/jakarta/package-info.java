/**
 * Upstash QStash for Jakarta EE and MicroProfile.
 *
 * <p>
 * Publishing: inject a {@link dev.qstash.jakarta.QStashPublisher} and send a {@link dev.qstash.jakarta.PublishRequest}.
 * Receiving: annotate a JAX-RS resource with {@link dev.qstash.jakarta.VerifyQStash} and inject the
 * {@link dev.qstash.jakarta.QStashDelivery}. The rest of QStash's API (queues, schedules, URL groups, the DLQ,
 * logs, ...) hangs off the publisher; see {@link dev.qstash.jakarta.manage}. Both read their settings from MicroProfile Config under the keys in
 * {@link dev.qstash.jakarta.QStashConfigNames}, which map to the environment variables of the official SDKs.
 *
 * <pre>
 * &#64;Inject
 * QStashPublisher publisher;
 *
 * PublishResponse sent = publisher.publish(PublishRequest.toUrl("https://app.example.com/api/receive")
 *         .jsonBody(Map.of("orderId", 42))
 *         .deduplicationId("order-42")
 *         .build());
 * </pre>
 *
 * @since 0.1
 */
package dev.qstash.jakarta;
