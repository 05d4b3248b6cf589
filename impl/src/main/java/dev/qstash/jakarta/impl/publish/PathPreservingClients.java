package dev.qstash.jakarta.impl.publish;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the REST client so that request paths reach QStash exactly as written.
 *
 * <p>
 * QStash takes the destination URL verbatim in the path, {@code /v2/publish/https://example.com/...}, and rejects a
 * destination without a valid scheme. RESTEasy (WildFly, Open Liberty) sends through Apache HttpClient 4.5 by default,
 * which collapses {@code //} into {@code /} and so would send {@code https:/example.com}; the MicroProfile API offers no
 * switch, and RESTEasy's own switch is a JVM-wide system property a library must not set. So on RESTEasy, and only
 * for our clients, we pass RESTEasy's public {@code URLConnectionEngine} to its public
 * {@code build(Class, ClientHttpEngine)}. Both are looked up reflectively on the builder's own class loader, once per
 * client, because servers such as Liberty hide RESTEasy's classes from applications. Jersey (Payara) sends paths as
 * given and needs nothing. If the RESTEasy classes are not found, the client is built normally and one warning says
 * what may happen.
 */
final class PathPreservingClients {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");
    private static final String RESTEASY_ENGINE = "org.jboss.resteasy.client.jaxrs.ClientHttpEngine";
    private static final String URL_CONNECTION_ENGINE = "org.jboss.resteasy.client.jaxrs.engines.URLConnectionEngine";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PathPreservingClients() {
    }

    static <T> T build(RestClientBuilder builder, Class<T> api, int connectTimeoutMillis, int readTimeoutMillis) {
        if (!builder.getClass().getName().startsWith("org.jboss.resteasy.")) {
            return builder.build(api);
        }
        try {
            ClassLoader loader = builder.getClass().getClassLoader();
            Class<?> engineType = Class.forName(RESTEASY_ENGINE, false, loader);
            Class<?> engineClass = Class.forName(URL_CONNECTION_ENGINE, true, loader);
            Object engine = engineClass.getConstructor().newInstance();
            engineClass.getMethod("setConnectTimeout", Integer.class).invoke(engine, connectTimeoutMillis);
            engineClass.getMethod("setReadTimeout", Integer.class).invoke(engine, readTimeoutMillis);
            Method build = builder.getClass().getMethod("build", Class.class, engineType);
            return api.cast(build.invoke(builder, api, engine));
        } catch (ReflectiveOperationException | LinkageError e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "QSTASH021 {0} could not be given RESTEasy''s URLConnection engine ({1}); its "
                        + "default engine may send destinations to QStash as https:/host instead of https://host",
                        builder.getClass().getName(), e.toString());
            }
            return builder.build(api);
        }
    }
}
