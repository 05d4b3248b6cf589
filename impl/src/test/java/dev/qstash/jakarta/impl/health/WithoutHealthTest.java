package dev.qstash.jakarta.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.impl.testing.LogCapture;

/**
 * Where the application's class loader has no MicroProfile Health: nothing is added to the container, and one INFO
 * line says the check is left out.
 */
class WithoutHealthTest {

    /** A loader that sees the JDK only, like an application on a server without MicroProfile Health. */
    private static final ClassLoader JDK_ONLY = new ClassLoader(null) {
    };

    @Test
    void nothingIsAddedAndOneInfoLineSaysSo() {
        List<String> calls = new ArrayList<>();
        BeforeBeanDiscovery event = (BeforeBeanDiscovery) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{BeforeBeanDiscovery.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        BeanManager beanManager = (BeanManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{BeanManager.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        HealthExtension extension = new HealthExtension();
        try (LogCapture log = new LogCapture()) {
            extension.addCheck(event, beanManager, JDK_ONLY);
            assertEquals(List.of(), calls, "no type added, nothing asked of the container");
            List<String> lines = log.lines().stream().filter(line -> line.contains("QSTASH040")).toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(lines.get(0).startsWith("INFO ") && lines.get(0).contains("MicroProfile Health")
                    && lines.get(0).contains("\"qstash\""), lines.get(0));
        }
        assertEquals(false, extension.usage().publishes(), "nothing is tracked for a check that is not there");
    }
}
