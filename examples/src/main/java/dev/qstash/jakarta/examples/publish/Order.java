package dev.qstash.jakarta.examples.publish;

/** What the example publishes as JSON. */
public record Order(String id, String item, int quantity) {
}
