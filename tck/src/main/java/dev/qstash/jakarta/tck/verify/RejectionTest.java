package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Every way a delivery can be forged is answered 401 with the same body, telling an attacker nothing, and the
 * resource method never runs.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class RejectionTest {

    private static final byte[] BODY = "{\"orderId\":42}".getBytes(StandardCharsets.UTF_8);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(RejectionTest.class, TckDeployments.singleRegion(null, null));
    }

    private URI receive() {
        return TckHttp.loopback(base, "api/receive");
    }

    private String rejected(byte[] body, String... signature) {
        String id = TckApp.messageId();
        List<String> headers = new ArrayList<>(List.of("Upstash-Message-Id", id, "Content-Type", "application/json"));
        headers.addAll(List.of(signature));
        HttpResponse<String> response = TckHttp.post(receive(), body, headers.toArray(String[]::new));
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(0, TckApp.entered(base, id), "the resource ran for a rejected delivery");
        return response.body();
    }

    private String token(String key, String alg, java.util.function.Consumer<java.util.Map<String, Object>> change) {
        return QStashTokens.token(key, alg, change, receive().toString(), BODY);
    }

    @Test
    public void aMissingSignature() {
        rejected(BODY);
    }

    @Test
    public void aTokenSignedWithAnotherKey() {
        rejected(BODY, "Upstash-Signature", QStashTokens.genuine(TckKeys.FOREIGN, receive().toString(), BODY));
    }

    @Test
    public void aTamperedBody() {
        rejected("{\"orderId\":43}".getBytes(StandardCharsets.UTF_8), "Upstash-Signature",
                QStashTokens.genuine(TckKeys.EU_CURRENT, receive().toString(), BODY));
    }

    @Test
    public void anExpiredToken() {
        long now = System.currentTimeMillis() / 1000;
        rejected(BODY, "Upstash-Signature", token(TckKeys.EU_CURRENT, AlgorithmIdentifiers.HMAC_SHA256, c -> {
            c.put("iat", now - 400);
            c.put("exp", now - 100);
        }));
    }

    @Test
    public void aWrongIssuer() {
        rejected(BODY, "Upstash-Signature", token(TckKeys.EU_CURRENT, AlgorithmIdentifiers.HMAC_SHA256,
                c -> c.put("iss", "Upstash-Impostor")));
    }

    @Test
    public void anUnsignedToken() {
        rejected(BODY, "Upstash-Signature", token(TckKeys.EU_CURRENT, AlgorithmIdentifiers.NONE, c -> {
        }));
    }

    @Test
    public void anotherHmacAlgorithm() {
        rejected(BODY, "Upstash-Signature", token(TckKeys.EU_CURRENT, AlgorithmIdentifiers.HMAC_SHA512, c -> {
        }));
    }

    @Test
    public void everyRejectionReadsTheSame() {
        String missing = rejected(BODY);
        String forged = rejected(BODY, "Upstash-Signature", QStashTokens.genuine(TckKeys.FOREIGN,
                receive().toString(), BODY));
        String expired = rejected(BODY, "Upstash-Signature", token(TckKeys.EU_CURRENT,
                AlgorithmIdentifiers.HMAC_SHA256, c -> c.put("exp", 1)));
        assertEquals(missing, forged);
        assertEquals(missing, expired);
        for (String secret : TckKeys.ALL) {
            assertFalse(missing.contains(secret));
        }
    }
}
