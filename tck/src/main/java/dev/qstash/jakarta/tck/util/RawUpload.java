package dev.qstash.jakarta.tck.util;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One POST over a plain socket, for bodies a server may refuse by their headers alone (a {@code Content-Length} over
 * a limit). With {@code Expect: 100-continue} the body is sent only after the server's {@code 100 Continue}, or after
 * a second without any answer (RFC 9110, 10.1.1); a final answer instead of {@code 100} is read and the body never
 * sent. Without it the body is written by a second thread while the answer is read, so an answer the server sends
 * before reading the body is not lost to a blocked write.
 *
 * <p>
 * The JDK's {@code HttpClient} cannot be used here: on Java 17, a request with {@code expectContinue(true)} that is
 * answered 413 instead of 100 never completes, not even at its timeout.
 */
public final class RawUpload {

    private static final int CHUNK = 64 * 1024;
    private static final int EXPECT_WAIT_MILLIS = 1000;
    private static final int READ_TIMEOUT_MILLIS = 120_000;

    /**
     * What the server answered.
     *
     * @param status the final status
     * @param body the answer's body, decoded as UTF-8
     * @param bodySent how much of the request body was written before the answer (or the connection) ended
     * @param continued whether the server answered {@code 100 Continue} first
     */
    public record Answer(int status, String body, long bodySent, boolean continued) {
    }

    private RawUpload() {
    }

    /** POSTs the first {@code length} bytes of {@code body} to {@code uri} with {@code headers} (name, value, ...). */
    public static Answer post(URI uri, byte[] body, int length, boolean expectContinue, String... headers) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder("POST ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Content-Length: ").append(length).append("\r\n").append("Connection: close\r\n");
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            boolean continued = false;
            if (expectContinue) {
                socket.setSoTimeout(EXPECT_WAIT_MILLIS);
                Response first = null;
                try {
                    first = Response.read(in);
                } catch (SocketTimeoutException e) {
                    // no answer to the expectation: send the body all the same
                }
                if (first != null && first.status != 100) {
                    return new Answer(first.status, first.body(in), 0, false);
                }
                continued = first != null;
            }
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            AtomicReference<Long> sent = new AtomicReference<>(0L);
            Thread writer = new Thread(() -> {
                try {
                    for (int off = 0; off < length; off += CHUNK) {
                        int n = Math.min(CHUNK, length - off);
                        out.write(body, off, n);
                        sent.set((long) off + n);
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading (it answered already, or closed): the answer tells
                }
            }, "raw-upload-writer");
            writer.setDaemon(true);
            writer.start();
            Response response = Response.read(in);
            while (response.status == 100) {
                continued = true;
                response = Response.read(in);
            }
            String answer = response.body(in);
            return new Answer(response.status, answer, sent.get(), continued);
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e, e);
        }
    }

    /** A status line and headers; the body is read on demand. */
    private record Response(int status, Map<String, String> headers) {

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed before an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return new Response(Integer.parseInt(parts[1]), headers);
        }

        String body(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String length = headers.get("Content-Length");
            if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
            } else if ("chunked".equals(headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT))) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer
                        .parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else {
                body.write(in.readAllBytes());
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }
}
