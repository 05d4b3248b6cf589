package dev.qstash.jakarta.impl.verify;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.qstash.jakarta.QStashRegion;

/**
 * Chooses the key pair for a delivery and verifies it. Built once; {@link #verify} does no config lookup.
 *
 * <p>
 * Key choice follows the official SDK: in migration mode the pair of the region the {@code Upstash-Region} header
 * names, when both of its keys are configured; otherwise the default pair. The header only picks among keys the
 * application trusts, so it needs no protection of its own. A receiver built with explicit keys uses only those.
 *
 * <p>
 * Two decisions of ours: when keys are configured but none applies to a request (migration mode without default keys
 * and no usable region header), the request is rejected as unverifiable, a 401, where the SDK throws a plain error;
 * only an application with no usable key at all is a configuration error ({@link NoSigningKeysException}, a 500).
 * {@code QSTASH_DEV} is never honoured: its keys are public.
 */
public final class QStashReceiver {

    private final Optional<SigningKeys> defaultKeys;
    private final Map<QStashRegion, SigningKeys> regionKeys;
    private final boolean migrationMode;
    private final String missingKeys;
    private final QStashSignatureVerifier verifier;

    private QStashReceiver(Optional<SigningKeys> defaultKeys, Map<QStashRegion, SigningKeys> regionKeys,
            boolean migrationMode, String missingKeys, QStashSignatureVerifier verifier) {
        this.defaultKeys = defaultKeys;
        this.regionKeys = regionKeys;
        this.migrationMode = migrationMode;
        this.missingKeys = missingKeys;
        this.verifier = verifier;
    }

    /**
     * A receiver over resolved keys.
     *
     * @param defaultKeys the default pair ({@code qstash.*-signing-key}), if set
     * @param regionKeys the complete pair of each region; consulted in migration mode only
     * @param migrationMode whether the {@code Upstash-Region} header picks the region's pair
     * @param missingKeys what to tell the user when no key is usable: the keys to set
     * @param clock the time source
     * @param clockToleranceSeconds skew allowed on {@code exp} and {@code nbf}
     */
    public static QStashReceiver of(Optional<SigningKeys> defaultKeys, Map<QStashRegion, SigningKeys> regionKeys,
            boolean migrationMode, String missingKeys, Clock clock, long clockToleranceSeconds) {
        return new QStashReceiver(defaultKeys, Map.copyOf(regionKeys), migrationMode, missingKeys,
                new QStashSignatureVerifier(clock, clockToleranceSeconds));
    }

    /**
     * A receiver over one explicit key pair; the region header is ignored.
     *
     * @throws IllegalArgumentException unless both keys are given: an incomplete pair is refused, not completed from
     *         the environment as the SDK does
     */
    public static QStashReceiver withKeys(String currentSigningKey, String nextSigningKey, Clock clock,
            long clockToleranceSeconds) {
        return new QStashReceiver(Optional.of(SigningKeys.of(currentSigningKey, nextSigningKey, "explicit keys")),
                Map.of(), false, "both explicit keys", new QStashSignatureVerifier(clock, clockToleranceSeconds));
    }

    /**
     * Verifies a delivery whose body is in memory: {@link #verifyToken} and then {@link VerifiedToken#requireBody}.
     *
     * @param signature the {@code Upstash-Signature} header, or {@code null}
     * @param body the raw request body
     * @param regionHeader the {@code Upstash-Region} header, or {@code null}
     * @param expectedSubject the URL {@code sub} must equal, or {@code null} not to check
     * @throws SignatureVerificationException the delivery is not genuine (answer 401)
     * @throws NoSigningKeysException no key is configured at all (answer 500)
     */
    public VerifiedToken verify(String signature, byte[] body, String regionHeader, String expectedSubject)
            throws SignatureVerificationException {
        Objects.requireNonNull(body, "body");
        VerifiedToken token = verifyToken(signature, regionHeader, expectedSubject);
        token.requireBody(QStashSignatureVerifier.sha256(body));
        return token;
    }

    /**
     * Verifies everything that does not need the body, so that a forged, expired or misdirected delivery is refused
     * before its body is read; the caller then checks the body with {@link VerifiedToken#requireBody}.
     *
     * @param signature the {@code Upstash-Signature} header, or {@code null}
     * @param regionHeader the {@code Upstash-Region} header, or {@code null}
     * @param expectedSubject the URL {@code sub} must equal, or {@code null} not to check
     * @throws SignatureVerificationException the token is not genuine (answer 401)
     * @throws NoSigningKeysException no key is configured at all (answer 500)
     */
    public VerifiedToken verifyToken(String signature, String regionHeader, String expectedSubject)
            throws SignatureVerificationException {
        if (migrationMode) {
            Optional<QStashRegion> region = QStashRegion.parse(regionHeader);
            if (region.isPresent()) {
                SigningKeys keys = regionKeys.get(region.get());
                if (keys != null) {
                    return verifier.verifyToken(signature, expectedSubject, keys).withKeysRegion(region.get());
                }
            }
        }
        if (defaultKeys.isPresent()) {
            return verifier.verifyToken(signature, expectedSubject, defaultKeys.get());
        }
        if (regionKeys.isEmpty()) {
            throw new NoSigningKeysException("No QStash signing keys are configured: set " + missingKeys);
        }
        throw new SignatureVerificationException(RejectionReason.NO_KEY_PAIR,
                "no configured key pair applies: the Upstash-Region header "
                        + (regionHeader == null ? "is absent" : "names no region with both keys configured")
                        + " and the default keys are not set");
    }
}
