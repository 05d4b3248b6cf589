package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * No signing key configured at all: a signed request is a server-side problem, answered 500 with nothing that names
 * the configuration; the server log names the keys to set.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class MissingKeysTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(MissingKeysTest.class, Map.of("qstash.verify.clock-tolerance", "0"));
    }

    @Test
    public void aSignedRequestIs500AndTheLogNamesTheKeysToSet() throws Exception {
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        URI receive = TckHttp.loopback(base, "api/receive");
        HttpResponse<String> response = TckHttp.post(receive, body, "Upstash-Signature",
                QStashTokens.genuine(TckKeys.EU_CURRENT, receive.toString(), body));
        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("qstash.") || response.body().contains("QSTASH_")
                || response.body().contains("Exception"), response.body());

        String log = System.getProperty("qstash.tck.server.log");
        Assumptions.assumeTrue(log != null && Files.exists(Path.of(log)), "server log not available on this server");
        String text = Files.readString(Path.of(log), StandardCharsets.UTF_8);
        assertTrue(text.contains("qstash.current-signing-key") && text.contains("QSTASH_CURRENT_SIGNING_KEY"),
                "the server log names the missing keys and their environment variables");
    }
}
