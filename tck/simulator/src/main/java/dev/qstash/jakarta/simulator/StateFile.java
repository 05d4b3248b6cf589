package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashRegion;

/**
 * One region's state on disk ({@code --state-dir DIR}: {@code DIR/<REGION>.json}): its token and signing keys, and
 * what {@link SimulatorState#snapshot()} keeps (queues, schedules, URL groups, DLQ, logs). Written whole, to a
 * temporary file moved over the old one, when it changed; read once at start.
 */
final class StateFile {

    private final Path file;
    private byte[] written = new byte[0];

    StateFile(Path dir, QStashRegion region) {
        this.file = dir.resolve(region.name() + ".json");
    }

    Path path() {
        return file;
    }

    /** The saved document, or {@code null} if there is none yet. */
    JsonNode read() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator's state file " + file + " cannot be read: " + e
                    .getMessage(), e);
        }
    }

    /** Writes the region's credentials and state, if they changed since the last write. */
    synchronized void write(String token, String currentSigningKey, String nextSigningKey,
            Map<String, Object> state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token", token);
        json.put("currentSigningKey", currentSigningKey);
        json.put("nextSigningKey", nextSigningKey);
        json.put("state", state);
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(json);
            if (Arrays.equals(bytes, written)) {
                return;
            }
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            written = bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator's state file " + file + " cannot be written: " + e
                    .getMessage(), e);
        }
    }
}
