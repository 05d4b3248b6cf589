package dev.qstash.jakarta.tck.util;

import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.core.Application;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.qstash.jakarta.tck.apps.GuardedResource;
import dev.qstash.jakarta.tck.apps.HandlingResource;
import dev.qstash.jakarta.tck.apps.ManageResource;
import dev.qstash.jakarta.tck.apps.MixedResource;
import dev.qstash.jakarta.tck.apps.OpenResource;
import dev.qstash.jakarta.tck.apps.PublishResource;
import dev.qstash.jakarta.tck.apps.ReceiveResource;
import dev.qstash.jakarta.tck.apps.ReceivedLog;
import dev.qstash.jakarta.tck.apps.SingletonResource;
import dev.qstash.jakarta.tck.apps.StreamResource;
import dev.qstash.jakarta.tck.apps.TckApplication;

/**
 * Builds each test's small WAR: the suite's applications (api classes only) and the test's config as
 * {@code WEB-INF/classes/META-INF/microprofile-config.properties}. The implementation under test is added by the
 * vendor's Arquillian extension (see tck/README.md).
 */
public final class TckDeployments {

    private TckDeployments() {
    }

    /** The WAR of {@code test}: every resource under {@code /api}, discovered by {@link TckApplication}. */
    public static WebArchive war(Class<?> test, Map<String, String> config) {
        return war(test, config, TckApplication.class);
    }

    /**
     * The WAR of {@code test} with {@code application} as its only {@code Application} (so it decides what is served
     * under its path); every resource class is in the WAR.
     */
    public static WebArchive war(Class<?> test, Map<String, String> config,
            Class<? extends Application> application) {
        StringBuilder properties = new StringBuilder();
        new TreeMap<>(config).forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return ShrinkWrap.create(WebArchive.class, test.getSimpleName() + ".war")
                .addClasses(application, ReceiveResource.class, ReceivedLog.class, MixedResource.class,
                        OpenResource.class, PublishResource.class, GuardedResource.class, ManageResource.class,
                        StreamResource.class, SingletonResource.class, HandlingResource.class)
                .addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** Single-region settings for the EU keys (and, if given, a simulator to publish to). */
    public static Map<String, String> singleRegion(String url, String token) {
        Map<String, String> config = new TreeMap<>();
        config.put("qstash.current-signing-key", TckKeys.EU_CURRENT);
        config.put("qstash.next-signing-key", TckKeys.EU_NEXT);
        if (url != null) {
            config.put("qstash.url", url);
            config.put("qstash.token", token);
        }
        return config;
    }
}
