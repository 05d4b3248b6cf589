package dev.qstash.jakarta.impl.health;

import java.util.EnumSet;
import java.util.Set;

import dev.qstash.jakarta.QStashRegion;

/**
 * What the application uses of QStash, as the CDI container showed it at deployment: the readiness check is DOWN only
 * for a missing part the application uses.
 *
 * @param receives a discovered class of the application carries {@code @VerifyQStash} (on the class or a member)
 * @param primaryPublisher the application injects the primary region's {@code QStashPublisher} (no
 *        {@code @ForRegion}), directly or as {@code Instance<QStashPublisher>}
 * @param regionalPublishers the regions of the {@code @ForRegion} publishers it injects
 */
public record Usage(boolean receives, boolean primaryPublisher, Set<QStashRegion> regionalPublishers) {

    public Usage {
        regionalPublishers = regionalPublishers.isEmpty()
                ? Set.of()
                : Set.copyOf(EnumSet.copyOf(regionalPublishers));
    }

    /** Whether any publisher is injected. */
    public boolean publishes() {
        return primaryPublisher || !regionalPublishers.isEmpty();
    }
}
