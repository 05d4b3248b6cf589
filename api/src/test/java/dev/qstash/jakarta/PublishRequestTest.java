package dev.qstash.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PublishRequestTest {

    @Test
    void durationsAreWrittenAsTheSdkWritesNumbers() {
        PublishRequest r = PublishRequest.toUrl("https://x.example").delay(Duration.ofMillis(1600))
                .timeout(Duration.ofMillis(1500)).notBefore(Instant.ofEpochMilli(1767225600700L)).build();
        assertEquals("2s", r.delay());
        assertEquals("1.5s", r.timeout());
        assertEquals(1767225601L, r.notBefore());
        assertEquals("30s", PublishRequest.toUrl("https://x.example").timeout(Duration.ofSeconds(30)).build()
                .timeout());
        assertEquals("1d10h30m", PublishRequest.toUrl("https://x.example").delay("1d10h30m").build().delay());
    }

    @Test
    void mistakesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublishRequest.toUrl("example.com"))
                .getMessage().contains("http:// or https://"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PublishRequest.toUrl("https://x.example").deduplicationId("a:b")).getMessage().contains("':'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PublishRequest.toUrl("https://x.example").queue("my queue")).getMessage().contains("queue"));
        assertThrows(IllegalArgumentException.class, () -> PublishRequest.toUrl("https://x.example").delay("soon"));
        assertThrows(IllegalArgumentException.class, () -> PublishRequest.toUrl("https://x.example").method("TRACE"));
        assertThrows(IllegalArgumentException.class, () -> PublishRequest.toUrl("https://x.example").retries(-1));
        assertThrows(IllegalArgumentException.class,
                () -> PublishRequest.toUrl("https://x.example").flowControl(FlowControl.key("k")));
        assertThrows(IllegalArgumentException.class, () -> PublishRequest.toUrlGroup("a/b"));
    }

    @Test
    void contentTypeHeaderSetsTheContentTypeAndHeaderNamesAreCaseInsensitive() {
        PublishRequest r = PublishRequest.toUrl("https://x.example").header("Content-Type", "application/xml")
                .header("X-A", "1").header("x-a", "2").build();
        assertEquals("application/xml", r.contentType());
        assertEquals(Map.of("x-a", "2"), r.headers());
    }

    @Test
    void theRequestIsImmutableAndCopiesItsBody() {
        byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
        PublishRequest r = PublishRequest.toUrl("https://x.example").body(body).labels("a", "b").build();
        body[0] = 'z';
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), r.body());
        r.body()[0] = 'y';
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), r.body());
        assertThrows(UnsupportedOperationException.class, () -> r.labels().add("c"));
        assertEquals(List.of("a", "b"), r.toBuilder().build().labels());
        assertEquals("q", r.toBuilder().queue("q").build().queue());
        assertNull(r.queue());
    }

    @Test
    void toStringShowsNeitherHeaderValuesNorTheBody() {
        String text = PublishRequest.toUrl("https://x.example").header("Authorization", "Bearer destination-secret")
                .body("card 4242").build().toString();
        assertTrue(text.contains("Authorization"), text);
        assertFalse(text.contains("destination-secret") || text.contains("4242"), text);
    }
}
