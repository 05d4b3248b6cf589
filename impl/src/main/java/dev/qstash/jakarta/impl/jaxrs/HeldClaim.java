package dev.qstash.jakarta.impl.jaxrs;

import dev.qstash.jakarta.impl.receive.Idempotency;

/**
 * The claim an idempotent method's delivery holds during its request. The response filter settles it (done on 2xx,
 * released otherwise); should the response filter not run (an exception no mapper handled, a client that went away),
 * the claim is released when the request ends, so QStash's retry runs the method. A synthetic {@code @RequestScoped}
 * bean, like {@link VerifiedRequest} ({@code QStashExtension}).
 */
public class HeldClaim {

    private Idempotency idempotency;
    private Idempotency.Claim claim;

    public void hold(Idempotency rules, Idempotency.Claim held) {
        this.idempotency = rules;
        this.claim = held;
    }

    /** Settles the claim: processed if {@code succeeded}, else released. Only the first call counts. */
    public void settle(boolean succeeded) {
        Idempotency.Claim held = claim;
        if (held == null) {
            return;
        }
        claim = null;
        if (succeeded) {
            idempotency.complete(held);
        } else {
            idempotency.release(held);
        }
    }

    /** Releases a claim nothing settled: called by the container when the request ends. */
    public void end() {
        settle(false);
    }
}
