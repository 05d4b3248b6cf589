package dev.qstash.jakarta.manage;

import java.util.concurrent.CompletionStage;

/**
 * The region's signing keys ({@code /v2/keys}), which the TypeScript SDK lacks. After {@link #rotate()}, QStash signs
 * with the former next key: configure the new pair on the receivers, or deliveries signed with the new next key
 * will be refused.
 *
 * @since 0.1
 */
public interface SigningKeys {

    /**
     * Reads the keys.
     *
     * @return the current and next key
     */
    default SigningKeyPair get() {
        return Sync.await(getAsync());
    }

    /**
     * Reads the keys asynchronously.
     *
     * @return the current and next key
     */
    CompletionStage<SigningKeyPair> getAsync();

    /**
     * Rotates: the next key becomes current, and a new next key is made.
     *
     * @return the new pair
     */
    default SigningKeyPair rotate() {
        return Sync.await(rotateAsync());
    }

    /**
     * Rotates asynchronously.
     *
     * @return the new pair
     */
    CompletionStage<SigningKeyPair> rotateAsync();
}
