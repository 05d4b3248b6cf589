package dev.qstash.jakarta.impl.client;

import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.manage.SigningKeyPair;
import dev.qstash.jakarta.manage.SigningKeys;

/** {@code /v2/keys}, as documented; the Go SDK's {@code /v2/rotate} is not used. */
final class SigningKeysClient implements SigningKeys {

    private final Transport transport;

    SigningKeysClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<SigningKeyPair> getAsync() {
        return transport.json(ApiCall.of("GET", "/keys"), Records::signingKeys);
    }

    @Override
    public CompletionStage<SigningKeyPair> rotateAsync() {
        return transport.json(ApiCall.of("POST", "/keys/rotate"), Records::signingKeys);
    }
}
