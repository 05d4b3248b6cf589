package dev.qstash.jakarta.tck.util;

/** JUnit tags of the suite (the MicroProfile JWT TCK's groups, as JUnit 5 tags). */
public final class TckTags {

    /** Receiving: signature verification through {@code @VerifyQStash}. */
    public static final String VERIFY = "verify";
    /** Publishing through the injected publishers, against the simulator. */
    public static final String PUBLISH = "publish";

    /** Handling deliveries: idempotent receivers, replay protection, retry control, typed callbacks. */
    public static final String HANDLE = "handle";

    /** Scenarios of the management API (queues, schedules, URL groups, DLQ, logs). */
    public static final String MANAGE = "manage";
    /**
     * Needs the server started with the US variables of tck/README.md in its environment; skipped without them.
     */
    public static final String ENV_OPTIONAL = "env-optional";
    /** Needs the path of the server log in {@code qstash.tck.server.log}; skipped without it. */
    public static final String SERVER_LOG = "server-log";

    private TckTags() {
    }
}
