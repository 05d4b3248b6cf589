package dev.qstash.jakarta.impl.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, hashing and keeping a body: in memory, spooled, or refused at the limit without reading further. */
class SpooledBodyTest {

    @TempDir
    Path dir;

    /** A stream that counts what was read from it. */
    static final class Counting extends ByteArrayInputStream {

        int read;

        Counting(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private long filesIn(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.count();
        }
    }

    @Test
    void aBodyUpToTheThresholdStaysInMemoryWhateverTheDeclaredLength() throws Exception {
        byte[] body = random(1000);
        for (long declared : new long[]{1000, -1, 10, 3000}) {
            try (SpooledBody read = SpooledBody.read(new ByteArrayInputStream(body), declared, 4096, 1000, dir)) {
                assertFalse(read.spooled());
                assertEquals(1000, read.size());
                assertArrayEquals(sha256(body), read.sha256());
                assertArrayEquals(body, read.inputStream().readAllBytes(), "declared " + declared);
            }
        }
        assertEquals(0, filesIn(dir));
    }

    @Test
    void aLargerBodyIsSpooledToAFileThatHasNoNameAndIsReleasedOnClose() throws Exception {
        byte[] body = random(300_000);
        SpooledBody read = SpooledBody.read(new ByteArrayInputStream(body), -1, 1_000_000, 1000, dir);
        assertTrue(read.spooled());
        assertEquals(0, filesIn(dir), "unlinked as soon as it was opened");
        assertArrayEquals(sha256(body), read.sha256());
        try (InputStream in = read.inputStream()) {
            assertArrayEquals(body, in.readAllBytes());
        }
        read.close();
        read.close();
    }

    @Test
    void theLimitIsInclusiveAndNothingPastItIsRead() throws Exception {
        byte[] body = random(5000);
        try (SpooledBody atLimit = SpooledBody.read(new ByteArrayInputStream(body), -1, 5000, 100, dir)) {
            assertEquals(5000, atLimit.size());
        }
        for (int threshold : new int[]{100, 10_000}) {
            Counting in = new Counting(random(200_000));
            BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                    () -> SpooledBody.read(in, -1, 5000, threshold, dir));
            assertEquals(5000, e.limit());
            assertEquals(5001, in.read, "read one byte past the limit and no more, threshold " + threshold);
        }
        Counting declared = new Counting(random(6000));
        assertThrows(BodyTooLargeException.class, () -> SpooledBody.read(declared, 6000, 5000, 100, dir));
        assertEquals(0, declared.read, "a declared length above the limit is refused unread");
        assertEquals(0, filesIn(dir), "a refused body leaves no file");
    }

    @Test
    void anEmptyBodyIsHashedAsEmpty() throws Exception {
        for (long declared : new long[]{0, -1}) {
            try (SpooledBody read = SpooledBody.read(InputStream.nullInputStream(), declared, 10, 0, dir)) {
                assertEquals(0, read.size());
                assertArrayEquals(sha256(new byte[0]), read.sha256());
            }
        }
    }
}
