package dev.qstash.jakarta.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.HmacUsingShaAlgorithm;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.qstash.jakarta.impl.verify.QStashSignatureVerifier;
import dev.qstash.jakarta.impl.verify.SignatureVerificationException;
import dev.qstash.jakarta.impl.verify.SigningKeys;
import dev.qstash.jakarta.impl.verify.SpooledBody;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/**
 * The cost of verifying one delivery, against its floor: the JDK computing one HMAC-SHA256 over the token's signing
 * input and one SHA-256 over the body, with the {@code Mac} prepared once, as the verifier prepares its keys once.
 * <ul>
 * <li>{@code verifyCurrent}: the usual case, a body in memory;</li>
 * <li>{@code verifyNext}: a token signed with the next key (after a rotation), which costs one more HMAC;</li>
 * <li>{@code verifyWhileReading}: what the filter does per request: the token first, then the body read from a
 * stream, hashed as it is read and kept (in memory at these sizes), then the hash checked;</li>
 * <li>{@code jose4jJws}: the same checks with jose4j's {@code JsonWebSignature} parsing and verifying the token, as
 * the verifier did before; kept as the reference the current design is measured against;</li>
 * <li>{@code macJose4j} and {@code macCloned}: the HMAC step alone, through jose4j's {@code HmacUsingShaAlgorithm}
 * (a {@code Mac} looked up and keyed per call) and through a pre-keyed JDK {@code Mac} cloned per call, as
 * {@code SigningKeys} does.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {

    static final String CURRENT = "sig_bench_current_key_000000000";
    static final String NEXT = "sig_bench_next_key_00000000000000";
    static final String URL = "https://app.example.com/api/receive";
    static final long NOW = 1_767_225_600L;

    static final long MAX_BODY = 50L * 1024 * 1024;
    static final int THRESHOLD = 256 * 1024;
    static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    static final HmacUsingShaAlgorithm HMAC_SHA256 = new HmacUsingShaAlgorithm.HmacSha256();
    static final AlgorithmConstraints HS256_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256);
    static final ObjectReader CLAIMS = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(new TypeReference<Map<String, Object>>() {
            });

    @Param({"1024", "65536"})
    int bodySize;

    private HmacKey currentKey;
    private byte[] signature;

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
        currentKey = new HmacKey(CURRENT.getBytes(StandardCharsets.UTF_8));
        signature = Base64.getUrlDecoder().decode(currentToken.substring(currentToken.lastIndexOf('.') + 1));
        if (!macJose4j() || !Arrays.equals(macCloned(), signature)) {
            throw new IllegalStateException("the MAC benchmarks do not compute the token's MAC");
        }
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

    /**
     * The floor after allocating what {@link #tokenOnly} allocates (about 3.5 KB, from {@code -prof gc}): how much of
     * the gap between {@link #tokenThenFloorHash} and the sum of {@link #tokenOnly} and {@link #floor} at 64 KiB the
     * fresh heap written per operation explains (README, benchmark).
     */
    @Benchmark
    public void floorAfterAlloc(Blackhole blackhole) {
        blackhole.consume(new byte[3500]);
        blackhole.consume(mac.doFinal(signingInput));
        blackhole.consume(sha256.digest(body));
    }

    /** The token's own work: everything but the body's hash. */
    @Benchmark
    public VerifiedToken tokenOnly() throws SignatureVerificationException {
        return verifier.verifyToken(currentToken, URL, keys);
    }

    /** {@link #tokenOnly} followed by the floor's own SHA-256 of the body. */
    @Benchmark
    public void tokenThenFloorHash(Blackhole blackhole) throws SignatureVerificationException {
        blackhole.consume(verifier.verifyToken(currentToken, URL, keys));
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

    @Benchmark
    public VerifiedToken verifyWhileReading() throws Exception {
        VerifiedToken token = verifier.verifyToken(currentToken, URL, keys);
        try (SpooledBody read = SpooledBody.read(new ByteArrayInputStream(body), body.length, MAX_BODY, THRESHOLD,
                TEMP)) {
            token.requireBody(read.sha256());
        }
        return token;
    }

    @Benchmark
    public Object jose4jJws() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(currentToken);
        jws.setAlgorithmConstraints(HS256_ONLY);
        jws.setDoKeyValidation(false);
        jws.setKey(currentKey);
        if (!jws.verifySignature()) {
            throw new IllegalStateException("jose4j rejected a genuine token");
        }
        Map<String, Object> claims = CLAIMS.readValue(jws.getUnverifiedPayloadBytes());
        if (!claims.get("body").equals(Base64.getUrlEncoder().encodeToString(sha256.digest(body)))) {
            throw new IllegalStateException("body hash");
        }
        return claims;
    }

    @Benchmark
    public boolean macJose4j() throws JoseException {
        return HMAC_SHA256.verifySignature(signature, currentKey, signingInput, new ProviderContext());
    }

    @Benchmark
    public byte[] macCloned() throws CloneNotSupportedException {
        return ((Mac) mac.clone()).doFinal(signingInput);
    }
}
