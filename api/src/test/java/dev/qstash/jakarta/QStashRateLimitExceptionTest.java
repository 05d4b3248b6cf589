package dev.qstash.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class QStashRateLimitExceptionTest {

    @Test
    void keepsItsFiguresThroughJavaSerialization() throws Exception {
        QStashRateLimitException sent = new QStashRateLimitException("too many requests",
                QStashRateLimitException.Kind.DAILY, OptionalLong.of(500), OptionalLong.of(0),
                OptionalLong.of(1_764_547_200L));

        QStashRateLimitException received = roundTrip(sent);

        assertEquals(QStashRateLimitException.Kind.DAILY, received.kind());
        assertEquals(OptionalLong.of(500), received.limit());
        assertEquals(OptionalLong.of(0), received.remaining());
        assertEquals(OptionalLong.of(1_764_547_200L), received.reset());
        assertEquals(429, received.status());
        assertEquals(sent.getMessage(), received.getMessage());
    }

    @Test
    void figuresQStashDidNotSendStayEmpty() throws Exception {
        QStashRateLimitException received = roundTrip(new QStashRateLimitException("slow down",
                QStashRateLimitException.Kind.BURST, OptionalLong.empty(), OptionalLong.empty(), null));

        assertTrue(received.limit().isEmpty());
        assertTrue(received.remaining().isEmpty());
        assertTrue(received.reset().isEmpty());
    }

    private static QStashRateLimitException roundTrip(QStashRateLimitException exception)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(exception);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (QStashRateLimitException) in.readObject();
        }
    }
}
