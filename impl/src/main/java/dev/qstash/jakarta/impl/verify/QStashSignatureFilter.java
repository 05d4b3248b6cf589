package dev.qstash.jakarta.impl.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.cdi.QStashRuntime;

/**
 * The {@link VerifyQStash} filter: buffers the body once, verifies it, hands it on unchanged, and leaves the
 * {@link DeliveryImpl} as a request property for the {@code QStashDelivery} bean. Everything else is in
 * {@link QStashReceiver}.
 *
 * <p>
 * Not {@code @PreMatching}: name bindings do not apply to pre-matching filters. The receiver is taken from CDI once,
 * on the first request, so the filter works however the JAX-RS runtime instantiates providers.
 */
@Provider
@VerifyQStash
@Priority(Priorities.AUTHENTICATION)
public class QStashSignatureFilter implements ContainerRequestFilter {

    static final String SIGNATURE_HEADER = "Upstash-Signature";
    static final String REGION_HEADER = "Upstash-Region";

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private volatile QStashRuntime runtime;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        QStashRuntime qstash = runtime();
        String signature = request.getHeaderString(SIGNATURE_HEADER);
        if (signature == null || signature.isEmpty()) {
            LOG.log(Level.DEBUG, "QSTASH010 rejected {0}: no Upstash-Signature header", request.getUriInfo().getPath());
            request.abortWith(unauthorized());
            return;
        }

        int maxBodySize = qstash.receiverSettings().maxBodySize();
        if (request.getLength() > maxBodySize) {
            request.abortWith(tooLarge(maxBodySize));
            return;
        }
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readNBytes(maxBodySize + 1);
        }
        if (body.length > maxBodySize) {
            request.abortWith(tooLarge(maxBodySize));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));

        String expectedSubject = qstash.receiverSettings().urlCheck()
                ? qstash.receiverSettings().expectedSubject(request.getUriInfo().getRequestUri())
                : null;
        try {
            VerifiedToken token = qstash.receiver().verify(signature, body, request.getHeaderString(REGION_HEADER),
                    expectedSubject);
            request.setProperty(DeliveryImpl.ATTRIBUTE, DeliveryImpl.of(token, request.getHeaders()));
        } catch (SignatureVerificationException e) {
            LOG.log(Level.DEBUG, "QSTASH011 rejected {0}: {1}", request.getUriInfo().getPath(), e.getMessage());
            request.abortWith(unauthorized());
        } catch (NoSigningKeysException e) {
            LOG.log(Level.ERROR, "QSTASH012 cannot verify {0}: {1}", request.getUriInfo().getPath(), e.getMessage());
            request.abortWith(Response.serverError().type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("QStash signature verification is not configured").build());
        }
    }

    private QStashRuntime runtime() {
        QStashRuntime found = runtime;
        if (found == null) {
            found = CDI.current().select(QStashRuntime.class).get();
            runtime = found;
        }
        return found;
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Upstash-Signature")
                .entity("Invalid or missing QStash signature").build();
    }

    private static Response tooLarge(int maxBodySize) {
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Request body exceeds " + maxBodySize + " bytes").build();
    }
}
