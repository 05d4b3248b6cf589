package dev.qstash.jakarta.impl.jaxrs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.config.ReceiverSettings;
import dev.qstash.jakarta.impl.receive.ReplayGuard;
import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.impl.verify.BodyTooLargeException;
import dev.qstash.jakarta.impl.verify.NoSigningKeysException;
import dev.qstash.jakarta.impl.verify.RejectionReason;
import dev.qstash.jakarta.impl.verify.SignatureVerificationException;
import dev.qstash.jakarta.impl.verify.SpooledBody;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/**
 * The {@link VerifyQStash} filter, the JAX-RS side of verification and nothing else:
 * <ol>
 * <li>the token is verified on its own first, so a forged, expired or misdirected request is answered 401 before a
 * byte of its body is read;</li>
 * <li>the body is then read once, hashed as it is read, and kept in memory or, above the memory threshold, in a
 * temporary file; above the size limit it is answered 413 and read no further;</li>
 * <li>its hash is checked against the token, the resource gets exactly the bytes received, and the delivery goes to
 * the request's {@link VerifiedRequest}, which releases the body when the request ends.</li>
 * </ol>
 * The decisions are {@link dev.qstash.jakarta.impl.verify.QStashReceiver}'s; this class only maps them to responses.
 *
 * <p>
 * Not {@code @PreMatching}: name bindings do not apply to pre-matching filters. Not a scanned {@code @Provider}
 * either: the implementation registers it in every application itself ({@link JerseyRegistration} on Jersey,
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers} on RESTEasy, {@link dev.qstash.jakarta.QStashFeature}
 * elsewhere), so listing classes in {@code Application#getClasses()} cannot switch it off, and it is never registered
 * twice by scanning. Registered twice all the same, it verifies a request once. What it needs from CDI it looks up
 * once, on the first request, so it works however the JAX-RS runtime creates providers.
 */
@VerifyQStash
@Priority(Priorities.AUTHENTICATION)
public class QStashSignatureFilter implements ContainerRequestFilter {

    static final String SIGNATURE_HEADER = "Upstash-Signature";
    static final String REGION_HEADER = "Upstash-Region";

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private volatile Wiring wiring;

    /**
     * The application's receive path and the request holder (a client proxy, valid in every request); the replay
     * guard, {@code null} when replay protection is off, so that costs a request nothing.
     */
    private record Wiring(ReceivePath path, VerifiedRequest request, Path tempDir, ReplayGuard replay,
            Telemetry telemetry) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Wiring wired = wiring();
        if (wired == null) {
            request.abortWith(notConfigured());
            return;
        }
        VerifiedRequest verified = wired.request();
        if (verified.isVerified()) {
            // this filter is registered twice, and its first instance did the work. Asked of the request-scoped
            // holder, not of a request property: RESTEasy on the JDK's HTTP server (the unit tests' runtime) keeps
            // those per context, so a property set by one request was seen by the next
            return;
        }
        Telemetry telemetry = wired.telemetry();
        Telemetry.Receipt receipt = telemetry == Telemetry.NONE
                ? Telemetry.Receipt.NONE
                : telemetry.receiving(request::getHeaderString);
        String signature = request.getHeaderString(SIGNATURE_HEADER);
        if (signature == null || signature.isEmpty()) {
            LOG.log(Level.DEBUG, "QSTASH010 rejected {0}: no Upstash-Signature header", request.getUriInfo().getPath());
            receipt.rejected(RejectionReason.MISSING_SIGNATURE);
            request.abortWith(unauthorized());
            return;
        }

        ReceiverSettings settings = wired.path().receiverSettings();
        VerifiedToken token;
        try {
            token = wired.path().receiver().verifyToken(signature, request.getHeaderString(REGION_HEADER),
                    settings.urlCheck() ? settings.expectedSubject(request.getUriInfo().getRequestUri()) : null);
        } catch (SignatureVerificationException e) {
            rejected(request, e, receipt);
            return;
        } catch (NoSigningKeysException e) {
            LOG.log(Level.ERROR, "QSTASH012 cannot verify {0}: {1}", request.getUriInfo().getPath(), e.getMessage());
            receipt.rejected(RejectionReason.NOT_CONFIGURED);
            request.abortWith(notConfigured());
            return;
        }

        SpooledBody body;
        InputStream in = request.getEntityStream();
        try {
            body = SpooledBody.read(in, request.getLength(), settings.maxBodySize(), settings.memoryThreshold(),
                    wired.tempDir());
        } catch (BodyTooLargeException e) {
            // the stream stays unclosed: some servers drain the rest of a body on close, and this one is read no
            // further than the limit
            LOG.log(Level.DEBUG, "QSTASH013 rejected {0}: {1}", request.getUriInfo().getPath(), e.getMessage());
            receipt.rejected(RejectionReason.BODY_TOO_LARGE);
            request.abortWith(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Request body exceeds " + e.limit() + " bytes").build());
            return;
        }
        in.close(); // at its end: nothing left to drain
        try {
            token.requireBody(body.sha256());
        } catch (SignatureVerificationException e) {
            body.close();
            rejected(request, e, receipt);
            return;
        }
        ReplayGuard replay = wired.replay();
        if (replay != null && !replay.firstUse(DeliveryImpl.tokenId(token), DeliveryImpl.expiry(token))) {
            body.close();
            LOG.log(Level.DEBUG, "QSTASH015 rejected {0}: its token was used before (replay protection)",
                    request.getUriInfo().getPath());
            receipt.rejected(RejectionReason.REPLAYED);
            request.abortWith(unauthorized());
            return;
        }
        DeliveryImpl delivery = DeliveryImpl.of(token, request.getHeaders());
        receipt.verified(delivery);
        verified.verified(delivery, body, receipt);
        request.setEntityStream(body.inputStream());
    }

    private Wiring wiring() {
        Wiring found = wiring;
        if (found == null) {
            try {
                CDI<Object> cdi = CDI.current();
                ReceivePath path = cdi.select(ReceivePath.class).get();
                found = new Wiring(path, cdi.select(VerifiedRequest.class).get(),
                        Path.of(System.getProperty("java.io.tmpdir")), path.handling().replayGuard(),
                        path.telemetry());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "QSTASH014 cannot verify QStash deliveries: the qstash-jakarta CDI extension is "
                        + "not active in this application ({0}). Deploy qstash-jakarta-impl inside the application "
                        + "(WEB-INF/lib) on a server with CDI; every @VerifyQStash request is refused until then.",
                        e.toString());
                return null;
            }
            wiring = found;
        }
        return found;
    }

    private static void rejected(ContainerRequestContext request, SignatureVerificationException e,
            Telemetry.Receipt receipt) {
        LOG.log(Level.DEBUG, "QSTASH011 rejected {0}: {1}", request.getUriInfo().getPath(), e.getMessage());
        receipt.rejected(e.code());
        request.abortWith(unauthorized());
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Upstash-Signature")
                .entity("Invalid or missing QStash signature").build();
    }

    static Response notConfigured() {
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE)
                .entity("QStash signature verification is not configured").build();
    }
}
