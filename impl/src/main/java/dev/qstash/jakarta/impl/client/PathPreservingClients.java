package dev.qstash.jakarta.impl.client;

import java.lang.reflect.Method;

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
 * given and needs nothing. If the engine cannot be given (a RESTEasy upgrade renamed a class or method), no client is
 * built: {@link NotPreserved} says what broke, and {@link Transport} refuses every call with a destination rather than
 * let QStash reject each one as {@code https:/host}.
 */
final class PathPreservingClients {

    private static final String RESTEASY_ENGINE = "org.jboss.resteasy.client.jaxrs.ClientHttpEngine";
    static final String URL_CONNECTION_ENGINE = "org.jboss.resteasy.client.jaxrs.engines.URLConnectionEngine";

    /** RESTEasy's builder could not be given the URLConnection engine; the message says which builder and why. */
    static final class NotPreserved extends Exception {

        private static final long serialVersionUID = 1L;

        NotPreserved(String builderClass, Throwable cause) {
            super(builderClass + " could not be given RESTEasy's URLConnection engine (" + cause + ")", cause);
        }
    }

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
    private static Object urlConnectionEngine(String engineName, Class<?> engineType, int connectTimeoutMillis,
            int readTimeoutMillis, ClassLoader... loaders) throws ReflectiveOperationException {
        for (ClassLoader loader : loaders) {
            Class<?> engineClass;
            try {
                engineClass = Class.forName(engineName, true, loader);
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
        throw new ClassNotFoundException(engineName + " (none that implements the expected engine type)");
    }

    /**
     * @throws NotPreserved on RESTEasy, when its URLConnection engine cannot be given to the client: the client
     *         RESTEasy would build instead sends {@code https:/host}
     */
    static <T> T build(RestClientBuilder builder, Class<T> api, int connectTimeoutMillis, int readTimeoutMillis)
            throws NotPreserved {
        return build(builder, api, connectTimeoutMillis, readTimeoutMillis, URL_CONNECTION_ENGINE);
    }

    /** @param engineName the engine's class name; tests pass one that does not exist, as an upgrade could */
    static <T> T build(RestClientBuilder builder, Class<T> api, int connectTimeoutMillis, int readTimeoutMillis,
            String engineName) throws NotPreserved {
        if (!builder.getClass().getName().startsWith("org.jboss.resteasy.")) {
            return builder.build(api);
        }
        try {
            Method build = buildWithEngine(builder.getClass());
            if (build != null) {
                // The engine must implement the ClientHttpEngine of the method's own signature; which loader can
                // supply it differs (WildFly: the builder's module; OSGi: the interface's bundle).
                Class<?> engineType = build.getParameterTypes()[1];
                Object engine = urlConnectionEngine(engineName, engineType, connectTimeoutMillis, readTimeoutMillis,
                        builder.getClass().getClassLoader(), engineType.getClassLoader());
                return api.cast(build.invoke(builder, api, engine));
            }
            // Liberty's builder has no build(Class, ClientHttpEngine), but maps "resteasy.<setter>" properties onto
            // its ResteasyClientBuilder, and keeps an engine set that way.
            builder.property("resteasy.httpEngine", urlConnectionEngine(engineName, null, connectTimeoutMillis,
                    readTimeoutMillis, builder.getClass().getClassLoader()));
            return builder.build(api);
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            throw new NotPreserved(builder.getClass().getName(), e);
        }
    }
}
