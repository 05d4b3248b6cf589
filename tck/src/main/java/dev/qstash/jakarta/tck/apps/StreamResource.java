package dev.qstash.jakarta.tck.apps;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.qstash.jakarta.VerifyQStash;

/**
 * Takes the body as a stream and answers {@code sha256 length together} of what it read, 64 KiB at a time: it never
 * holds the body, so only the verification can.
 *
 * <p>
 * With {@code ?batch=<name>&together=<n>}, each request first waits (up to a minute) until {@code n} requests of the
 * batch are in the method, so that the bodies of all of them have been verified and are held by the implementation
 * at the same time; {@code together} answers how many were.
 */
@Path("stream")
@RequestScoped
public class StreamResource {

    private static final Map<String, CountDownLatch> BATCHES = new ConcurrentHashMap<>();

    @POST
    @VerifyQStash
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String digest(InputStream body, @HeaderParam("Upstash-Message-Id") String messageId,
            @QueryParam("batch") String batch, @QueryParam("together") int together)
            throws IOException, InterruptedException {
        ReceivedLog.entered("stream", messageId);
        long waited = 1;
        if (batch != null && together > 1) {
            CountDownLatch all = BATCHES.computeIfAbsent(batch, b -> new CountDownLatch(together));
            all.countDown();
            all.await(1, TimeUnit.MINUTES);
            waited = together - all.getCount();
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
            sha256.update(buffer, 0, n);
            length += n;
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        ReceivedLog.called("stream", messageId, hex, length);
        return hex + " " + length + " " + waited;
    }
}
