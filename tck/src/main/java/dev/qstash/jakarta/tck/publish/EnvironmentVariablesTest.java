package dev.qstash.jakarta.tck.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;

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
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * The environment variables of the official SDKs configure the application unchanged: the server runs with
 * {@code US_EAST_1_QSTASH_TOKEN}, {@code US_EAST_1_QSTASH_CURRENT_SIGNING_KEY} and
 * {@code US_EAST_1_QSTASH_NEXT_SIGNING_KEY} set to the {@link TckKeys} US values (see tck/README.md), and the
 * deployment's own config names only the region and the simulator's URL. Skipped when the environment is not set.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.ENV_OPTIONAL)
public class EnvironmentVariablesTest {

    static final QStashSimulator US = TckSimulators.start(QStashRegion.US_EAST_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(EnvironmentVariablesTest.class,
                Map.of("qstash.region", "US_EAST_1", "us-east-1.qstash.url", US.url()));
    }

    @AfterAll
    static void stop() {
        US.close();
    }

    @Test
    public void theTokenAndKeysComeFromTheSdksEnvironmentVariables() {
        Assumptions.assumeTrue(TckKeys.US_TOKEN.equals(System.getenv("US_EAST_1_QSTASH_TOKEN"))
                && TckKeys.US_CURRENT.equals(System.getenv("US_EAST_1_QSTASH_CURRENT_SIGNING_KEY"))
                && TckKeys.US_NEXT.equals(System.getenv("US_EAST_1_QSTASH_NEXT_SIGNING_KEY")),
                "the server's environment does not hold the US variables of tck/README.md");
        String[] sent = TckApp.publish(base, "primary", "from the environment");
        assertEquals("US_EAST_1", sent[1]);
        assertEquals("Bearer " + TckKeys.US_TOKEN, US.requests().get(US.requests().size() - 1)
                .header("Authorization"), "the token came from US_EAST_1_QSTASH_TOKEN");
        String[] delivery = TckApp.delivery(base, sent[0]);
        assertEquals("US_EAST_1", delivery[TckApp.KEYS_REGION],
                "verified with the keys from US_EAST_1_QSTASH_*_SIGNING_KEY");
    }
}
