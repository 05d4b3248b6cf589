package dev.qstash.jakarta.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow-control key: its limits (from the messages that carry it, or pinned), whether it is paused, and the
 * messages waiting for it. Pausing and the parallelism limit hold deliveries; the rate is counted and reported but
 * not enforced. Guarded by the {@link SimulatorState} lock.
 */
final class SimFlowControl {

    final String key;
    int parallelismMax;
    int rateMax;
    long ratePeriodSeconds = 1;
    long ratePeriodStart = System.currentTimeMillis();
    int rateCount;
    boolean paused;
    boolean pinnedParallelism;
    boolean pinnedRate;
    int inFlight;
    final Deque<SimMessage> waiting = new ArrayDeque<>();

    SimFlowControl(String key) {
        this.key = key;
    }

    /** A message carrying the key brings its limits, unless they are pinned. */
    void learn(SimMessage.Options options) {
        if (!pinnedParallelism && options.flowParallelism > 0) {
            parallelismMax = options.flowParallelism;
        }
        if (!pinnedRate && options.flowRate > 0) {
            rateMax = options.flowRate;
            ratePeriodSeconds = options.flowPeriodSeconds;
        }
    }

    /** Whether an attempt may start now; if not, the message waits here. */
    boolean claim(SimMessage message) {
        if (paused || (parallelismMax > 0 && inFlight >= parallelismMax)) {
            waiting.add(message);
            return false;
        }
        inFlight++;
        rateCount++;
        message.holdsFlowSlot = true;
        return true;
    }

    /** An attempt ended; returns the waiting messages that may start now (they claim their slot when they do). */
    List<SimMessage> release(SimMessage finished) {
        if (finished.holdsFlowSlot) {
            finished.holdsFlowSlot = false;
            inFlight = Math.max(0, inFlight - 1);
        }
        return startable();
    }

    List<SimMessage> startable() {
        List<SimMessage> start = new ArrayList<>();
        int free = paused ? 0 : parallelismMax > 0 ? parallelismMax - inFlight : waiting.size();
        while (free-- > 0 && !waiting.isEmpty()) {
            start.add(waiting.poll());
        }
        return start;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flowControlKey", key);
        json.put("waitListSize", waiting.size());
        json.put("parallelismMax", parallelismMax);
        json.put("parallelismCount", inFlight);
        json.put("rateMax", rateMax);
        json.put("rateCount", rateCount);
        json.put("ratePeriod", ratePeriodSeconds);
        json.put("ratePeriodStart", ratePeriodStart);
        json.put("isPaused", paused);
        json.put("isPinnedParallelism", pinnedParallelism);
        json.put("isPinnedRate", pinnedRate);
        return json;
    }
}
