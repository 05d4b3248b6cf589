package dev.qstash.jakarta.tck.unobserved;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckQStash;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * On a server without MicroProfile Health and Telemetry (our runner: the plain Open Liberty server): the extension
 * deploys and works, a message published to the simulator is delivered and verified, the injected publisher publishes,
 * and the server log has, for this deployment, exactly one INFO line per optional integration saying it was left out.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class WithoutHealthOrTelemetryTest {

    /**
     * The log codes of the lines that say an optional integration was left out, one line each per deployment:
     * {@code QSTASH040} MicroProfile Health, {@code QSTASH045} MicroProfile Telemetry.
     */
    static final List<String> LEFT_OUT = List.of("QSTASH040", "QSTASH045");

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(WithoutHealthOrTelemetryTest.class,
                TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void aMessagePublishedToQStashIsDeliveredVerified() {
        String messageId = TckQStash.publish(QSTASH, TckHttp.loopback(base, "api/receive"), "no health here");
        String[] fields = TckApp.delivery(base, messageId);
        assertEquals("EU_CENTRAL_1", fields[TckApp.REGION]);
        assertEquals("DEFAULT", fields[TckApp.KEYS_REGION]);
    }

    @Test
    public void theInjectedPublisherPublishes() {
        String messageId = TckApp.publish(base, "primary", "nor telemetry")[0];
        assertTrue(messageId.startsWith("msg_"), messageId);
        assertEquals("CURRENT", TckApp.delivery(base, messageId)[TckApp.SIGNING_KEY]);
    }

    @Test
    public void oneInfoLineSaysWhatWasLeftOut() throws IOException {
        String log = System.getProperty("qstash.tck.server.log");
        Assumptions.assumeTrue(log != null && Files.exists(Path.of(log)), "server log not available on this server");
        List<String> lines = Files.readAllLines(Path.of(log), StandardCharsets.UTF_8);
        // this deployment's lines: from the server's first mention of it (each server logs the deployment's name
        // when it starts deploying it; the suite deploys one test class at a time)
        String name = WithoutHealthOrTelemetryTest.class.getSimpleName();
        int from = 0;
        while (from < lines.size() && !lines.get(from).contains(name)) {
            from++;
        }
        assertTrue(from < lines.size(), "the server log never names the deployment " + name);
        List<String> ours = lines.subList(from, lines.size());
        for (String code : LEFT_OUT) {
            List<String> said = ours.stream().filter(line -> line.contains(code)).toList();
            assertEquals(1, said.size(), code + " lines since " + name + " was deployed: " + said);
            String line = said.get(0);
            assertTrue(line.contains("INFO") || line.matches(".*\\s+I\\s+" + code + ".*"),
                    code + " is logged at INFO: " + line);
        }
    }
}
