package dev.qstash.jakarta.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Runs last (with the {@code OrderAnnotation} class orderer): after every scenario, the server log holds none of the
 * tokens or signing keys the suite configured or used. Needs {@code qstash.tck.server.log}.
 */
@Tag(TckTags.SERVER_LOG)
@Order(Integer.MAX_VALUE)
public class ServerLogTest {

    @Test
    public void noTokenOrSigningKeyWasEverLogged() throws IOException {
        String log = System.getProperty("qstash.tck.server.log");
        Assumptions.assumeTrue(log != null && Files.exists(Path.of(log)), "server log not available on this server");
        String text = Files.readString(Path.of(log), StandardCharsets.UTF_8);
        for (String secret : TckKeys.ALL) {
            assertFalse(text.contains(secret), "the server log contains a secret (" + secret.substring(0, 8)
                    + "...)");
        }
    }
}
