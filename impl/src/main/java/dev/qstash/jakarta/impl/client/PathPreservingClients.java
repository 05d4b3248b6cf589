package dev.qstash.jakarta.impl.client;

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
 * for our clients, we give RESTEasy its public {@code URLConnectionEngine}: through its public
 * {@code build(Class, ClientHttpEngine)} where the builder has it (WildFly), else through the {@code resteasy.httpEngine}
 * builder property, which RESTEasy maps onto {@code ResteasyClientBuilder.httpEngine} (Liberty). Both are found
 * reflectively from the builder's class, once per client,
 * because servers such as Liberty hide RESTEasy's classes from applications (checked by the TCK on WildFly and
 * Liberty, whose publish tests fail with "invalid destination url" without this). Jersey (Payara) sends paths as
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

    private static Method buildWithEngine(Class<?> builderClass) {
        for (Method m : builderClass.getMethods()) {
            Class<?>[] parameters = m.getParameterTypes();
            if (m.getName().equals("build") && parameters.length == 2 && parameters[0] == Class.class
                    && parameters[1].getName().equals(RESTEASY_ENGINE)) {
                return m;
            }
        }
        return null;
    }

    /** A URLConnectionEngine from the first loader that has one implementing {@code engineType} (if given). */
    private static Object urlConnectionEngine(Class<?> engineType, int connectTimeoutMillis, int readTimeoutMillis,
            ClassLoader... loaders) throws ReflectiveOperationException {
        for (ClassLoader loader : loaders) {
            Class<?> engineClass;
            try {
                engineClass = Class.forName(URL_CONNECTION_ENGINE, true, loader);
            } catch (ClassNotFoundException notHere) {
                continue;
            }
            if (engineType != null && !engineType.isAssignableFrom(engineClass)) {
                continue;
            }
            Object engine = engineClass.getConstructor().newInstance();
            engineClass.getMethod("setConnectTimeout", Integer.class).invoke(engine, connectTimeoutMillis);
            engineClass.getMethod("setReadTimeout", Integer.class).invoke(engine, readTimeoutMillis);
            return engine;
        }
        throw new ClassNotFoundException(URL_CONNECTION_ENGINE + " (none that implements the expected engine type)");
    }

    static <T> T build(RestClientBuilder builder, Class<T> api, int connectTimeoutMillis, int readTimeoutMillis) {
        if (!builder.getClass().getName().startsWith("org.jboss.resteasy.")) {
            return builder.build(api);
        }
        try {
            Method build = buildWithEngine(builder.getClass());
            if (build != null) {
                // The engine must implement the ClientHttpEngine of the method's own signature; which loader can
                // supply it differs (WildFly: the builder's module; OSGi: the interface's bundle).
                Class<?> engineType = build.getParameterTypes()[1];
                Object engine = urlConnectionEngine(engineType, connectTimeoutMillis, readTimeoutMillis,
                        builder.getClass().getClassLoader(), engineType.getClassLoader());
                return api.cast(build.invoke(builder, api, engine));
            }
            // Liberty's builder has no build(Class, ClientHttpEngine), but maps "resteasy.<setter>" properties onto
            // its ResteasyClientBuilder, and keeps an engine set that way.
            builder.property("resteasy.httpEngine", urlConnectionEngine(null, connectTimeoutMillis,
                    readTimeoutMillis, builder.getClass().getClassLoader()));
            return builder.build(api);
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "QSTASH021 {0} could not be given RESTEasy''s URLConnection engine ({1}); its "
                        + "default engine may send destinations to QStash as https:/host instead of https://host",
                        builder.getClass().getName(), e.toString());
            }
            return builder.build(api);
        }
    }
}
