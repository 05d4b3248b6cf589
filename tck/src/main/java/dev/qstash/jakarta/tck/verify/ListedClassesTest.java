package dev.qstash.jakarta.tck.verify;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.tck.apps.ListedApplication;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Fails closed however the application registers its resources: one that lists its classes in
 * {@code Application#getClasses()} (and gives one resource as an instance in {@code getSingletons()}) but registers
 * neither the filter nor {@code QStashFeature} still has every {@code @VerifyQStash} method verified. A runtime scans
 * for no providers then, so nothing the application did brings the filter in: the implementation must.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class ListedClassesTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(ListedClassesTest.class, TckDeployments.singleRegion(null, null),
                ListedApplication.class);
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
    public void aGenuineDeliveryArrivesIntact() {
        new GuardedCalls(base).acceptedEverywhere();
    }

    @Test
    public void unguardedNeighboursStillAnswerUnsignedRequests() {
        new GuardedCalls(base).openEverywhere();
    }
}
