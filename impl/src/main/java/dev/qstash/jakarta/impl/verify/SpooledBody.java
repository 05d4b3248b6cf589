package dev.qstash.jakarta.impl.verify;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A request body read once, hashed while it is read, and kept for the resource: in memory up to a threshold, in a
 * temporary file above it. Memory per request is bounded by the threshold (plus one read buffer), whatever the body's
 * size; the limit is enforced while reading, and no byte beyond it is read.
 *
 * <p>
 * The temporary file is created owner-only ({@link Files#createTempFile}) and opened with
 * {@link StandardOpenOption#DELETE_ON_CLOSE}: on Linux and macOS the JDK unlinks it right after opening, so it has no
 * name for the rest of the request and disappears even if the JVM dies; elsewhere it is deleted when
 * {@link #close()} closes it. {@link #close()} is idempotent and must be called when the request ends.
 */
public final class SpooledBody implements Closeable {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final byte[] memory;
    private final int memoryLength;
    private final FileChannel file;
    private final long size;
    private final byte[] sha256;

    private SpooledBody(byte[] memory, int memoryLength, FileChannel file, long size, byte[] sha256) {
        this.memory = memory;
        this.memoryLength = memoryLength;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * Reads {@code in} to its end.
     *
     * @param in the body; not closed
     * @param declaredLength the {@code Content-Length}, or a negative number when unknown; used to size the buffer,
     *        never trusted for the limit
     * @param limit the largest body accepted, in bytes
     * @param memoryThreshold the largest body kept in memory, in bytes
     * @param tempDir where a larger body is spooled
     * @throws BodyTooLargeException after reading {@code limit + 1} bytes at most
     * @throws IOException reading the body, or writing the temporary file, failed
     */
    public static SpooledBody read(InputStream in, long declaredLength, long limit, int memoryThreshold, Path tempDir)
            throws IOException, BodyTooLargeException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(tempDir, "tempDir");
        if (declaredLength > limit) {
            throw new BodyTooLargeException(limit);
        }
        MessageDigest digest = QStashSignatureVerifier.sha256();
        int threshold = (int) Math.min(memoryThreshold, limit);
        byte[] memory = new byte[declaredLength >= 0 && declaredLength <= threshold
                ? (int) declaredLength
                : Math.min(threshold, 8 * 1024)];
        int length = 0;
        while (true) {
            if (length == memory.length) {
                int probe = in.read();
                if (probe < 0) {
                    return new SpooledBody(memory, length, null, length, digest.digest());
                }
                if (length == threshold) {
                    return spool(in, memory, length, (byte) probe, digest, limit, tempDir);
                }
                memory = Arrays.copyOf(memory, (int) Math.min(threshold, Math.max(2L * memory.length, 1024)));
                memory[length++] = (byte) probe;
                digest.update((byte) probe);
                continue;
            }
            int n = in.read(memory, length, memory.length - length);
            if (n < 0) {
                return new SpooledBody(memory, length, null, length, digest.digest());
            }
            digest.update(memory, length, n);
            length += n;
        }
    }

    /** The body so far is in {@code memory}, plus one more byte: the rest goes to a temporary file. */
    private static SpooledBody spool(InputStream in, byte[] memory, int length, byte next, MessageDigest digest,
            long limit, Path tempDir) throws IOException, BodyTooLargeException {
        long size = length + 1L;
        if (size > limit) {
            throw new BodyTooLargeException(limit);
        }
        digest.update(next);
        Path path = Files.createTempFile(tempDir, "qstash-body-", ".tmp");
        FileChannel file = null;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            unlinkEarly(path);
            writeFully(file, ByteBuffer.wrap(memory, 0, length));
            writeFully(file, ByteBuffer.wrap(new byte[]{next}));
            byte[] chunk = new byte[CHUNK];
            while (true) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1 - size));
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > limit) {
                    throw new BodyTooLargeException(limit);
                }
                digest.update(chunk, 0, n);
                writeFully(file, ByteBuffer.wrap(chunk, 0, n));
            }
            file.position(0);
            return new SpooledBody(EMPTY, 0, file, size, digest.digest());
        } catch (IOException | BodyTooLargeException | RuntimeException e) {
            if (file != null) {
                file.close();
            }
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Already done by the JDK on POSIX systems; where the open file cannot lose its name, close() deletes it. */
    private static void unlinkEarly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the platform keeps an open file's name: DELETE_ON_CLOSE removes it on close()
        }
    }

    private static void writeFully(FileChannel file, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    /** The SHA-256 of the body. */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The body's length in bytes. */
    public long size() {
        return size;
    }

    /** Whether the body is in a temporary file rather than in memory. */
    public boolean spooled() {
        return file != null;
    }

    /**
     * The body, from its first byte. Call once: a spooled body's stream reads the file from where the last one
     * stopped.
     */
    public InputStream inputStream() {
        if (file == null) {
            return new ByteArrayInputStream(memory, 0, memoryLength);
        }
        return Channels.newInputStream(file);
    }

    /** Releases the temporary file, if any. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
