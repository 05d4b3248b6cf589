package dev.qstash.jakarta.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.qstash.jakarta.impl.verify.QStashSignatureVerifier;
import dev.qstash.jakarta.impl.verify.SignatureVerificationException;
import dev.qstash.jakarta.impl.verify.SigningKeys;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/**
 * The cost of verifying one delivery, against its floor: the JDK computing one HMAC-SHA256 over the token's signing
 * input and one SHA-256 over the body, with the {@code Mac} prepared once, as the verifier prepares its keys once.
 * {@code verifyCurrent} is the usual case; {@code verifyNext} a token signed with the next key (after a rotation),
 * which costs one more HMAC.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {

    static final String CURRENT = "sig_bench_current_key_000000000";
    static final String NEXT = "sig_bench_next_key_00000000000000";
    static final String URL = "https://app.example.com/api/receive";
    static final long NOW = 1_767_225_600L;

    @Param({"1024", "65536"})
    int bodySize;

    private byte[] body;
    private String currentToken;
    private String nextToken;
    private byte[] signingInput;
    private Mac mac;
    private MessageDigest sha256;
    private QStashSignatureVerifier verifier;
    private SigningKeys keys;

    @Setup
    public void setUp() throws Exception {
        body = new byte[bodySize];
        Arrays.fill(body, (byte) 'x');
        currentToken = Tokens.genuine(CURRENT, URL, body, NOW, NOW + 300);
        nextToken = Tokens.genuine(NEXT, URL, body, NOW, NOW + 300);
        signingInput = currentToken.substring(0, currentToken.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CURRENT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        sha256 = MessageDigest.getInstance("SHA-256");
        verifier = new QStashSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(NOW + 10), ZoneOffset.UTC), 0);
        keys = SigningKeys.of(CURRENT, NEXT, "bench");
        // a benchmark of a verifier that refuses its own tokens would measure the wrong path
        if (verifier.verify(nextToken, body, URL, keys)
                .signingKey() != dev.qstash.jakarta.QStashDelivery.SigningKey.NEXT) {
            throw new IllegalStateException("the next-key token did not verify with the next key");
        }
    }

    @Benchmark
    public void floor(Blackhole blackhole) {
        blackhole.consume(mac.doFinal(signingInput));
        blackhole.consume(sha256.digest(body));
    }

    @Benchmark
    public VerifiedToken verifyCurrent() throws SignatureVerificationException {
        return verifier.verify(currentToken, body, URL, keys);
    }

    @Benchmark
    public VerifiedToken verifyNext() throws SignatureVerificationException {
        return verifier.verify(nextToken, body, URL, keys);
    }
}
