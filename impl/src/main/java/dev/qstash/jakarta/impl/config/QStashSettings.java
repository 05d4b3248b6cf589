package dev.qstash.jakarta.impl.config;

import static dev.qstash.jakarta.QStashConfigNames.CLIENT_RATE_LIMIT_MAX_WAIT;
import static dev.qstash.jakarta.QStashConfigNames.CLIENT_RETRIES;
import static dev.qstash.jakarta.QStashConfigNames.CLIENT_RETRY_SERVER_ERRORS;
import static dev.qstash.jakarta.QStashConfigNames.CURRENT_SIGNING_KEY;
import static dev.qstash.jakarta.QStashConfigNames.DEFAULT_URL;
import static dev.qstash.jakarta.QStashConfigNames.NEXT_SIGNING_KEY;
import static dev.qstash.jakarta.QStashConfigNames.REGION;
import static dev.qstash.jakarta.QStashConfigNames.TOKEN;
import static dev.qstash.jakarta.QStashConfigNames.URL;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_CLOCK_TOLERANCE;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_MAX_BODY_SIZE;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_MEMORY_THRESHOLD;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_PUBLIC_URL;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_URL_CHECK;
import static dev.qstash.jakarta.QStashConfigNames.regional;
import static dev.qstash.jakarta.impl.config.ConfigKeys.describe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.SigningKeys;

/**
 * Resolves every setting from MicroProfile Config once, with the official SDK's rules (qstash-js 2.12.0,
 * {@code multi-region/outgoing.ts} and {@code incoming.ts}):
 *
 * <ul>
 * <li><b>Migration mode</b> is on when {@code qstash.region} names a valid region (any spelling
 * {@link QStashRegion#parse} takes). An invalid value is warned about and ignored.</li>
 * <li><b>Publishing</b> in migration mode uses {@code <region>.qstash.url} and {@code <region>.qstash.token} when both
 * are set; otherwise (with a warning) and in single-region mode, {@code qstash.url} (default
 * {@value QStashConfigNames#DEFAULT_URL}) and {@code qstash.token}. One trailing {@code /} and a legacy
 * {@code /v2/publish} suffix are removed from the URL.</li>
 * <li><b>Verifying</b> uses, in migration mode, the key pair of the region named by the delivery's
 * {@code Upstash-Region} header when both of its keys are set, and otherwise the default pair
 * ({@code qstash.current-signing-key}, {@code qstash.next-signing-key}); in single-region mode only the default pair.
 * A pair with one key missing is unusable and warned about at startup.</li>
 * </ul>
 * Nothing here is read per request.
 */
public final class QStashSettings {

    /** {@code qstash.client.retries} when unset: the official SDK's 5. */
    public static final int DEFAULT_CLIENT_RETRIES = 5;

    /** The largest in-memory body a Java array can hold. */
    private static final int MAX_MEMORY_THRESHOLD = Integer.MAX_VALUE - 16;

    private final Credentials primary;
    private final Map<QStashRegion, Credentials> regional;
    private final ReceiverSettings receiver;
    private final ClientSettings client;
    private final List<String> warnings;

    private QStashSettings(Credentials primary, Map<QStashRegion, Credentials> regional, ReceiverSettings receiver,
            ClientSettings client, List<String> warnings) {
        this.primary = primary;
        this.regional = regional;
        this.receiver = receiver;
        this.client = client;
        this.warnings = warnings;
    }

    /**
     * @throws QStashConfigurationException if a value cannot be converted (for example a non-numeric tolerance)
     */
    public static QStashSettings resolve(Config config) {
        ConfigKeys keys = new ConfigKeys(config);
        List<String> warnings = new ArrayList<>();
        Optional<QStashRegion> migrationRegion = migrationRegion(keys, warnings);

        Credentials primary = primaryCredentials(keys, migrationRegion, null, null, warnings);
        Map<QStashRegion, Credentials> regional = new EnumMap<>(QStashRegion.class);
        for (QStashRegion region : QStashRegion.values()) {
            regional.put(region, regionalCredentials(keys, region));
        }
        ReceiverSettings receiver = receiverSettings(keys, migrationRegion, warnings);
        return new QStashSettings(primary, Collections.unmodifiableMap(regional), receiver, client(keys),
                List.copyOf(warnings));
    }

    /** The publisher of the primary region. */
    public Credentials primary() {
        return primary;
    }

    /** The publisher of one region, whatever the primary region is. */
    public Credentials regionCredentials(QStashRegion region) {
        return regional.get(region);
    }

    public ReceiverSettings receiver() {
        return receiver;
    }

    /** How publishers retry. */
    public ClientSettings client() {
        return client;
    }

    /** Problems worth one log line each at startup: invalid region, incomplete key pairs, fallbacks. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * When the application can neither publish nor verify, one message naming every key to set; else empty.
     */
    public Optional<String> unusable() {
        if (primary.hasToken() || receiver.hasUsableKeys()) {
            return Optional.empty();
        }
        return Optional.of("QStash is not configured: this application can neither publish nor verify deliveries. "
                + "To publish, set " + primary.missingToken() + ". To verify deliveries, set " + receiver.missingKeys()
                + ".");
    }

    // ---- the programmatic builder ----

    /**
     * What {@code QStashPublisher.builder()} resolves.
     *
     * @param credentials where and as whom to publish
     * @param client the {@code qstash.client.*} settings
     * @param warnings fallbacks to log
     */
    public record Publishing(Credentials credentials, ClientSettings client, List<String> warnings) {
    }

    /** An explicit base URL and token: no config is read. */
    public static Credentials explicit(String baseUrl, String token) {
        return credentials(baseUrl, token, null, "a token on the builder");
    }

    /**
     * Credentials for the builder: one region's own ({@code region} set), or the primary region's with the explicit
     * values taking part as in the SDK.
     */
    public static Publishing publishing(Config config, String explicitUrl, String explicitToken,
            QStashRegion region) {
        ConfigKeys keys = new ConfigKeys(config);
        List<String> warnings = new ArrayList<>();
        Credentials credentials = region != null
                ? regionalCredentials(keys, region)
                : primaryCredentials(keys, migrationRegion(keys, warnings), explicitUrl, explicitToken, warnings);
        return new Publishing(credentials, client(keys), List.copyOf(warnings));
    }

    private static ClientSettings client(ConfigKeys keys) {
        int retries = keys.typed(CLIENT_RETRIES, Integer.class).orElse(DEFAULT_CLIENT_RETRIES);
        if (retries < 0) {
            throw new QStashConfigurationException(describe(CLIENT_RETRIES) + " must not be negative, got " + retries);
        }
        long maxWait = keys.typed(CLIENT_RATE_LIMIT_MAX_WAIT, Long.class).orElse(0L);
        if (maxWait < 0) {
            throw new QStashConfigurationException(
                    describe(CLIENT_RATE_LIMIT_MAX_WAIT) + " must not be negative, got " + maxWait);
        }
        boolean serverErrors = keys.typed(CLIENT_RETRY_SERVER_ERRORS, Boolean.class).orElse(false);
        return new ClientSettings(retries, Duration.ofSeconds(maxWait), serverErrors);
    }

    // ---- resolution rules ----

    static Optional<QStashRegion> migrationRegion(ConfigKeys keys, List<String> warnings) {
        Optional<String> raw = keys.string(REGION);
        Optional<QStashRegion> region = raw.flatMap(QStashRegion::parse);
        if (raw.isPresent() && region.isEmpty()) {
            warnings.add(describe(REGION) + " is \"" + raw.get() + "\", which names no region; expected "
                    + "US_EAST_1 or EU_CENTRAL_1. Running in single-region mode.");
        }
        return region;
    }

    /**
     * The SDK's order: explicit URL <em>and</em> token; the migration region's URL and token when both are set;
     * then the explicit value, else {@code qstash.url} / {@code qstash.token}, else the default URL.
     */
    static Credentials primaryCredentials(ConfigKeys keys, Optional<QStashRegion> migrationRegion, String explicitUrl,
            String explicitToken, List<String> warnings) {
        if (explicitUrl != null && explicitToken != null) {
            return explicit(explicitUrl, explicitToken);
        }
        if (migrationRegion.isPresent()) {
            QStashRegion region = migrationRegion.get();
            Optional<String> url = keys.string(regional(region, URL));
            Optional<String> token = keys.string(regional(region, TOKEN));
            if (url.isPresent() && token.isPresent()) {
                return credentials(url.get(), token.get(), region, null);
            }
            List<String> missing = new ArrayList<>();
            if (url.isEmpty()) {
                missing.add(describe(regional(region, URL)));
            }
            if (token.isEmpty()) {
                missing.add(describe(regional(region, TOKEN)));
            }
            warnings.add(describe(REGION) + " is " + region.name() + " but " + String.join(" and ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " not set: publishing with " + URL + " and " + TOKEN
                    + " instead.");
        }
        String url = explicitUrl != null ? explicitUrl : keys.string(URL).orElse(DEFAULT_URL);
        String token = explicitToken != null ? explicitToken : keys.string(TOKEN).orElse(null);
        String missing = describe(TOKEN) + migrationRegion
                .map(r -> ", or " + describe(regional(r, URL)) + " and " + describe(regional(r, TOKEN)))
                .orElse("");
        return credentials(url, token, null, missing);
    }

    /** A region's own credentials: {@code <region>.qstash.url} (default: the region's URL) and token. */
    static Credentials regionalCredentials(ConfigKeys keys, QStashRegion region) {
        String url = keys.string(regional(region, URL)).orElse(region.defaultUrl());
        return credentials(url, keys.string(regional(region, TOKEN)).orElse(null), region,
                describe(regional(region, TOKEN)));
    }

    private static Credentials credentials(String url, String token, QStashRegion region, String missingToken) {
        URI baseUrl = baseUrl(url);
        Optional<QStashRegion> known = Optional.ofNullable(region).or(() -> regionOf(baseUrl));
        return new Credentials(baseUrl, token, known, missingToken);
    }

    /** Removes one trailing {@code /} and a legacy {@code /v2/publish} suffix; requires an absolute http(s) URL. */
    static URI baseUrl(String url) {
        String value = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (value.endsWith("/v2/publish")) {
            value = value.substring(0, value.length() - "/v2/publish".length());
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new QStashConfigurationException("QStash URL \"" + url + "\" is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new QStashConfigurationException("QStash URL \"" + url + "\" is not a valid URL: " + e.getReason());
        }
    }

    /** The region of a QStash URL such as {@code https://qstash-us-east-1.upstash.io}. */
    static Optional<QStashRegion> regionOf(URI url) {
        for (QStashRegion region : QStashRegion.values()) {
            if (url.getHost().equalsIgnoreCase(URI.create(region.defaultUrl()).getHost())) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    // ---- receiving ----

    private static ReceiverSettings receiverSettings(ConfigKeys keys, Optional<QStashRegion> migrationRegion,
            List<String> warnings) {
        Optional<SigningKeys> defaultKeys = keyPair(keys, CURRENT_SIGNING_KEY, NEXT_SIGNING_KEY, warnings);
        Map<QStashRegion, SigningKeys> regionKeys = new EnumMap<>(QStashRegion.class);
        for (QStashRegion region : QStashRegion.values()) {
            String current = regional(region, CURRENT_SIGNING_KEY);
            String next = regional(region, NEXT_SIGNING_KEY);
            if (migrationRegion.isPresent()) {
                keyPair(keys, current, next, warnings).ifPresent(pair -> regionKeys.put(region, pair));
            } else if (keys.string(current).isPresent() || keys.string(next).isPresent()) {
                warnings.add("The " + region.name() + " signing keys are set but " + describe(REGION)
                        + " is not: region keys are used only in migration mode, so they are ignored.");
            }
        }

        long tolerance = keys.typed(VERIFY_CLOCK_TOLERANCE, Long.class).orElse(0L);
        if (tolerance < 0) {
            throw new QStashConfigurationException(
                    describe(VERIFY_CLOCK_TOLERANCE) + " must not be negative, got " + tolerance);
        }
        long maxBodySize = keys.typed(VERIFY_MAX_BODY_SIZE, Long.class)
                .orElse(QStashConfigNames.DEFAULT_MAX_BODY_SIZE);
        if (maxBodySize < 0) {
            throw new QStashConfigurationException(
                    describe(VERIFY_MAX_BODY_SIZE) + " must not be negative, got " + maxBodySize);
        }
        int memoryThreshold = keys.typed(VERIFY_MEMORY_THRESHOLD, Integer.class)
                .orElse(QStashConfigNames.DEFAULT_MEMORY_THRESHOLD);
        if (memoryThreshold < 0 || memoryThreshold > MAX_MEMORY_THRESHOLD) {
            throw new QStashConfigurationException(describe(VERIFY_MEMORY_THRESHOLD) + " must be between 0 and "
                    + MAX_MEMORY_THRESHOLD + " bytes, got " + memoryThreshold);
        }
        boolean urlCheck = keys.typed(VERIFY_URL_CHECK, Boolean.class).orElse(false);
        Optional<String> publicUrl = keys.string(VERIFY_PUBLIC_URL);
        publicUrl.ifPresent(QStashSettings::baseUrl);

        String missingKeys = describe(CURRENT_SIGNING_KEY) + " and " + describe(NEXT_SIGNING_KEY)
                + migrationRegion.map(r -> ", or the pair of each region, such as "
                        + describe(regional(r, CURRENT_SIGNING_KEY)) + " and "
                        + describe(regional(r, NEXT_SIGNING_KEY)))
                        .orElse("");
        return new ReceiverSettings(defaultKeys, Collections.unmodifiableMap(regionKeys), migrationRegion, tolerance,
                urlCheck, publicUrl, maxBodySize, memoryThreshold, missingKeys);
    }

    private static Optional<SigningKeys> keyPair(ConfigKeys keys, String currentKey, String nextKey,
            List<String> warnings) {
        Optional<String> current = keys.string(currentKey);
        Optional<String> next = keys.string(nextKey);
        if (current.isPresent() && next.isPresent()) {
            return Optional.of(SigningKeys.of(current.get(), next.get(), currentKey + " / " + nextKey));
        }
        if (current.isPresent() || next.isPresent()) {
            String missing = current.isPresent() ? nextKey : currentKey;
            warnings.add(describe(missing) + " is not set, so " + describe(current.isPresent() ? currentKey : nextKey)
                    + " is ignored: a signing-key pair is used only when both keys are set.");
        }
        return Optional.empty();
    }
}
