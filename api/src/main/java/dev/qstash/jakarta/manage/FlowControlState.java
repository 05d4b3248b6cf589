package dev.qstash.jakarta.manage;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of one flow-control key.
 *
 * @param key the flow-control key
 * @param waitListSize how many messages wait for a slot
 * @param parallelismMax the parallelism limit, or {@code null} if none
 * @param parallelismCount deliveries in flight
 * @param rateMax the rate limit per period, or {@code null} if none
 * @param rateCount deliveries in the current period
 * @param ratePeriod the period, or {@code null}
 * @param ratePeriodStart when the current period started, or {@code null}
 * @param paused whether deliveries for the key are paused
 * @param pinnedParallelism whether the parallelism is pinned, overriding the value messages carry
 * @param pinnedRate whether the rate is pinned
 * @since 0.1
 */
public record FlowControlState(String key, int waitListSize, Integer parallelismMax, int parallelismCount,
        Integer rateMax, int rateCount, Duration ratePeriod, Instant ratePeriodStart, boolean paused,
        boolean pinnedParallelism, boolean pinnedRate) {
}
