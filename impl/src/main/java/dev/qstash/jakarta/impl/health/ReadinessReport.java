package dev.qstash.jakarta.impl.health;

import static dev.qstash.jakarta.QStashConfigNames.CURRENT_SIGNING_KEY;
import static dev.qstash.jakarta.QStashConfigNames.NEXT_SIGNING_KEY;
import static dev.qstash.jakarta.QStashConfigNames.TOKEN;
import static dev.qstash.jakarta.QStashConfigNames.URL;
import static dev.qstash.jakarta.QStashConfigNames.regional;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.Credentials;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.config.ReceiverSettings;

/**
 * What the {@code qstash} readiness check reports, worked out once from the resolved settings without calling
 * QStash. Plain Java: no MicroProfile Health type, so it is tested without a server.
 *
 * <ul>
 * <li><b>Publishing</b>: the primary region's publisher is ready when it has a token (its URL has a default, or in
 * migration mode is the region's own); each {@code @ForRegion} publisher the application injects likewise, with its
 * region's token.</li>
 * <li><b>Receiving</b>: in single-region mode the pair {@code qstash.current-signing-key} and
 * {@code qstash.next-signing-key}; in migration mode a complete pair for each of the two regions, which is the region's
 * own pair or else the default pair.</li>
 * <li><b>DOWN</b> when a part the application uses ({@link Usage}) is not ready; a part it does not use is reported
 * but does not count, so an application that only receives needs no token, one that only publishes no keys.</li>
 * </ul>
 * The data holds region names, the mode, states and the names of the keys to set (with their environment variables),
 * never a value.
 *
 * @param up whether the check is UP
 * @param data the check's data, in a stable order
 */
public record ReadinessReport(boolean up, Map<String, Object> data) {

    /** The check's name at the health endpoint. */
    public static final String NAME = "qstash";

    static final String READY = "ready";
    static final String MISSING = "missing";

    public ReadinessReport {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * @param settings the settings the application runs with
     * @param isSet whether a config key has a (non-empty) value; asked only for key names, values are never read
     * @param usage what the application uses
     */
    public static ReadinessReport of(QStashSettings settings, Predicate<String> isSet, Usage usage) {
        Map<String, Object> data = new LinkedHashMap<>();
        ReceiverSettings receiver = settings.receiver();
        Optional<QStashRegion> migrationRegion = receiver.migrationRegion();
        data.put("mode", migrationRegion.isPresent() ? "migration" : "single-region");
        migrationRegion.or(() -> settings.primary().region())
                .ifPresent(region -> data.put("region", region.name()));
        boolean up = true;

        Credentials primary = settings.primary();
        data.put("publish.used", usage.publishes());
        data.put("publish.primary", primary.hasToken() ? READY : MISSING);
        if (!primary.hasToken()) {
            data.put("publish.primary.missing", primaryMissing(migrationRegion, isSet));
            up &= !usage.primaryPublisher();
        }
        for (QStashRegion region : QStashRegion.values()) {
            if (!usage.regionalPublishers().contains(region)) {
                continue;
            }
            boolean ready = settings.regionCredentials(region).hasToken();
            data.put("publish." + region.name(), ready ? READY : MISSING);
            if (!ready) {
                data.put("publish." + region.name() + ".missing", describe(regional(region, TOKEN)));
                up = false;
            }
        }

        data.put("receive.used", usage.receives());
        List<String> pairs = new ArrayList<>();
        receiver.defaultKeys().ifPresent(keys -> pairs.add("default"));
        if (migrationRegion.isPresent()) {
            receiver.regionKeys().keySet().stream().sorted().forEach(region -> pairs.add(region.name()));
        }
        Optional<String> receiveMissing = receiveMissing(receiver, isSet);
        data.put("receive", receiveMissing.isEmpty() ? READY : MISSING);
        data.put("receive.keys", pairs.isEmpty() ? "none" : String.join(",", pairs));
        if (receiveMissing.isPresent()) {
            data.put("receive.missing", receiveMissing.get());
            up &= !usage.receives();
        }
        return new ReadinessReport(up, data);
    }

    /** Single-region: the token. Migration: the region's URL and token (those unset), or the plain token. */
    private static String primaryMissing(Optional<QStashRegion> migrationRegion, Predicate<String> isSet) {
        String plain = describe(TOKEN);
        if (migrationRegion.isEmpty()) {
            return plain;
        }
        QStashRegion region = migrationRegion.get();
        return unset(isSet, regional(region, URL), regional(region, TOKEN)) + ", or " + plain;
    }

    /** Empty when every region the mode receives from has a complete pair; else the keys to set. */
    private static Optional<String> receiveMissing(ReceiverSettings receiver, Predicate<String> isSet) {
        String defaultPair = unset(isSet, CURRENT_SIGNING_KEY, NEXT_SIGNING_KEY);
        if (receiver.defaultKeys().isPresent()) {
            return Optional.empty();
        }
        if (!receiver.migrationMode()) {
            return Optional.of(defaultPair);
        }
        List<String> regions = new ArrayList<>();
        for (QStashRegion region : QStashRegion.values()) {
            if (!receiver.regionKeys().containsKey(region)) {
                regions.add(unset(isSet, regional(region, CURRENT_SIGNING_KEY), regional(region, NEXT_SIGNING_KEY)));
            }
        }
        return regions.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(" and ", regions) + ", or " + defaultPair);
    }

    /** The keys of {@code keys} that are not set, described; all of them if each is set (an unusable value). */
    private static String unset(Predicate<String> isSet, String... keys) {
        List<String> missing = List.of(keys).stream().filter(key -> !isSet.test(key)).toList();
        return (missing.isEmpty() ? List.of(keys) : missing).stream().map(ReadinessReport::describe)
                .collect(Collectors.joining(" and "));
    }

    /** {@code qstash.token (env QSTASH_TOKEN)}, as the startup messages name keys. */
    static String describe(String key) {
        return key + " (env " + QStashConfigNames.environmentVariable(key) + ")";
    }
}
