package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.tck.util.QStashTokens;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/** {@code @VerifyQStash} guards exactly what it annotates: a method, not its neighbours; nothing unannotated. */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class BindingTest {

    private static final byte[] BODY = "payload".getBytes(StandardCharsets.UTF_8);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(BindingTest.class, TckDeployments.singleRegion(null, null));
    }

    @Test
    public void anUnannotatedResourceIsUntouched() {
        HttpResponse<String> response = TckHttp.post(TckHttp.loopback(base, "api/open"), BODY);
        assertEquals(200, response.statusCode());
        assertEquals("open 7", response.body(), "the body reached the resource");
    }

    @Test
    public void aGuardedMethodRejectsAnUnsignedRequest() {
        assertEquals(401, TckHttp.post(TckHttp.loopback(base, "api/mixed/guarded"), BODY).statusCode());
    }

    @Test
    public void aGuardedMethodAcceptsASignedRequest() {
        String url = TckHttp.loopback(base, "api/mixed/guarded").toString();
        HttpResponse<String> response = TckHttp.post(TckHttp.loopback(base, "api/mixed/guarded"), BODY,
                "Upstash-Signature", QStashTokens.genuine(TckKeys.EU_CURRENT, url, BODY));
        assertEquals(200, response.statusCode());
        assertEquals("guarded", response.body());
    }

    @Test
    public void itsUnannotatedNeighbourIsUntouched() {
        HttpResponse<String> response = TckHttp.post(TckHttp.loopback(base, "api/mixed/open"), BODY);
        assertEquals(200, response.statusCode());
        assertEquals("open", response.body());
    }
}
