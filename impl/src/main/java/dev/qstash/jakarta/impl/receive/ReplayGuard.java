package dev.qstash.jakarta.impl.receive;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

import dev.qstash.jakarta.spi.DeliveryStore;

/**
 * Replay protection: a token id ({@code jti}) is accepted once; the record lasts for the rest of the token's lifetime
 * plus the clock tolerance, after which the token is refused as expired anyway. Fails closed: no {@code jti}, or a
 * store that cannot take the record, is a refusal.
 */
public final class ReplayGuard {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private final DeliveryStore store;
    private final long clockToleranceSeconds;

    public ReplayGuard(DeliveryStore store, long clockToleranceSeconds) {
        this.store = store;
        this.clockToleranceSeconds = clockToleranceSeconds;
    }

    /**
     * Records the token's first use.
     *
     * @param jti the token's {@code jti} claim, or {@code null}
     * @param expiresAt the token's {@code exp}
     * @return {@code true} if this is the token's first use; {@code false} if it was used before, has no id, or the
     *         store refused the record
     */
    public boolean firstUse(String jti, Instant expiresAt) {
        if (jti == null || jti.isEmpty()) {
            return false;
        }
        try {
            return store.putIfAbsent("jti|" + jti, "1", expiresAt.plusSeconds(clockToleranceSeconds + 1)).isEmpty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "QSTASH031 replay protection refused a delivery: the store cannot record its "
                    + "token id ({0})", e.getMessage());
            return false;
        }
    }
}
