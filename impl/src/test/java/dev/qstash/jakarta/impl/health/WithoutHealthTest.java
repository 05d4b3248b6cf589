package dev.qstash.jakarta.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

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
        AfterBeanDiscovery event = (AfterBeanDiscovery) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{AfterBeanDiscovery.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        HealthExtension extension = new HealthExtension();
        try (LogCapture log = new LogCapture()) {
            extension.detect(JDK_ONLY);
            extension.addCheck(event, null);
            assertEquals(List.of(), calls, "no bean added, nothing asked of the container");
            List<String> lines = log.lines().stream().filter(line -> line.contains("QSTASH040")).toList();
            assertEquals(1, lines.size(), log.all());
            assertTrue(lines.get(0).startsWith("INFO ") && lines.get(0).contains("MicroProfile Health")
                    && lines.get(0).contains("\"qstash\""), lines.get(0));
        }
        assertFalse(extension.enabled());
    }
}
