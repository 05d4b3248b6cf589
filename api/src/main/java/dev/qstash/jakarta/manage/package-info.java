/**
 * The rest of the QStash REST API, reached from a {@link dev.qstash.jakarta.QStashPublisher}: queues, schedules, URL
 * groups, messages, the dead-letter queue, logs, signing keys and flow control. Each area is bound to the publisher's
 * region, so a migration that manages both regions uses the default publisher and an
 * {@link dev.qstash.jakarta.ForRegion} one.
 *
 * <pre>
 * publisher.queues().upsert("orders", 2, false);
 * String id = publisher.schedules().create(ScheduleRequest.of("0 9 * * 1-5",
 *         PublishRequest.toUrl("https://app.example.com/api/report").build()));
 * publisher.dlq().stream(Filter.builder().queueName("orders").build())
 *         .forEach(dead -&gt; publisher.dlq().retry(dead.dlqId()));
 * </pre>
 *
 * <p>
 * The requests are those of the official TypeScript SDK 2.12.0, byte for byte, where the SDKs disagree too
 * (bulk operations as query parameters, {@code PATCH} for pausing schedules, logs from {@code /v2/events}).
 * Every operation has a synchronous form, which throws, and an {@code ...Async} form whose stage completes
 * exceptionally with the same exceptions as the publisher's.
 *
 * @since 0.1
 */
package dev.qstash.jakarta.manage;
