package dev.qstash.jakarta.tck.util;

import java.time.Duration;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;

/** Simulated QStash regions for the suite, with the fixed {@link TckKeys} of their region. */
public final class TckSimulators {

    private TckSimulators() {
    }

    /** A region with its TCK token and signing keys, retrying quickly. */
    public static QStashSimulator start(QStashRegion region) {
        boolean us = region == QStashRegion.US_EAST_1;
        return QStashSimulator.builder().region(region)
                .token(us ? TckKeys.US_TOKEN : TckKeys.EU_TOKEN)
                .signingKeys(us ? TckKeys.US_CURRENT : TckKeys.EU_CURRENT, us ? TckKeys.US_NEXT : TckKeys.EU_NEXT)
                .retryBackoff(n -> Duration.ofMillis(200))
                .start();
    }
}
