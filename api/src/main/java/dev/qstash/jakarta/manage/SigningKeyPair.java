package dev.qstash.jakarta.manage;

import java.util.Objects;

/**
 * The region's signing keys. They are secrets: {@link #toString()} never shows them.
 *
 * @param current the key QStash signs with now
 * @param next the key QStash will sign with after the next rotation
 * @since 0.1
 */
public record SigningKeyPair(String current, String next) {

    /**
     * Checks that both keys are present.
     *
     * @param current the key QStash signs with now
     * @param next the key QStash will sign with after the next rotation
     */
    public SigningKeyPair {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
    }

    @Override
    public String toString() {
        return "SigningKeyPair[current=***, next=***]";
    }
}
