package dev.qstash.jakarta.tck.verify;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.tck.apps.ListedWithFeatureApplication;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * An application that lists its classes and {@code QStashFeature}, where the implementation registers its filter as
 * well: registered twice over, verification still happens, a genuine delivery reaches each guarded method exactly
 * once with its body intact, and an unsigned one none.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class ListedWithFeatureTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(ListedWithFeatureTest.class, TckDeployments.singleRegion(null, null),
                ListedWithFeatureApplication.class);
    }

    @Test
    public void aGenuineDeliveryRunsEachGuardedMethodOnceWithItsBodyIntact() {
        new GuardedCalls(base).acceptedEverywhere();
    }

    @Test
    public void anUnsignedRequestNeverRunsAGuardedMethod() {
        new GuardedCalls(base).refusedEverywhere("an unsigned request", GuardedCalls::unsigned);
    }

    @Test
    public void aForgedRequestNeverRunsAGuardedMethod() {
        new GuardedCalls(base).refusedEverywhere("a token signed with a foreign key", GuardedCalls::forged);
    }

    @Test
    public void unguardedNeighboursStillAnswerUnsignedRequests() {
        new GuardedCalls(base).openEverywhere();
    }
}
