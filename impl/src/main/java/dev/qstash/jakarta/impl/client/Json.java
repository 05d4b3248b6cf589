package dev.qstash.jakarta.impl.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the publisher: tolerant of fields QStash adds later when reading; when writing, the bytes
 * JavaScript's {@code JSON.stringify} (and so the official SDK) writes for the same value:
 * <ul>
 * <li>text as UTF-8, characters outside the BMP as their four UTF-8 bytes, not as a surrogate-pair escape (Jackson's
 * {@link JsonWriteFeature#COMBINE_UNICODE_SURROGATES_IN_UTF8});
 * <li>control characters without a short escape as {@code &#92;u001f}, lower case (Jackson's
 * {@link CharacterEscapes});
 * <li>{@code double} and {@code float} values as ECMAScript's {@code Number.prototype.toString}: the shortest digits
 * that read back as the value (Jackson's Schubfach, through its public {@code NumberOutput}), laid out as JavaScript does ({@code 0.0003}, {@code 1e-7},
 * {@code 1e+21}, {@code 2} for {@code 2.0}, {@code 0} for {@code -0.0}), and {@code NaN} and the infinities as
 * {@code null}.
 * </ul>
 * Integers and {@code BigDecimal}s are written exactly, as Jackson does; JavaScript holds neither beyond 2^53 (see the
 * README's byte-identity section).
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .characterEscapes(new JsEscapes())
            .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** A request body of our own making (maps, lists, strings, numbers): it cannot fail to serialise. */
    static byte[] write(Object value) {
        try {
            return bytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code value} as {@code JSON.stringify} writes it (see the class comment). */
    static byte[] bytes(Object value) throws JsonProcessingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = new JsNumbers(MAPPER.createGenerator(out))) {
            MAPPER.writeValue(generator, value);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** ECMAScript's {@code Number::toString(x)} for a finite, non-zero {@code x} given as its shortest digits. */
    static String jsNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        return layout(
                oneDigit(NumberOutput.toString(value, true), new BigDecimal(value),
                        s -> Double.parseDouble(s) == value));
    }

    /** As {@link #jsNumber(double)}, with the shortest digits of the {@code float}. */
    static String jsNumber(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        return layout(
                oneDigit(NumberOutput.toString(value, true), new BigDecimal(value), s -> Float.parseFloat(s) == value));
    }

    /**
     * Schubfach, as Java's {@code toString}, gives at least two digits and so may give {@code 4.9E-324} where one
     * digit also reads back ({@code 5e-324}, as JavaScript writes it); that happens only among the smallest
     * subnormals. Then the one-digit form closest to the value is taken, as ECMAScript asks.
     */
    private static String oneDigit(String java, BigDecimal exact, Predicate<String> readsBack) {
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        boolean negative = java.charAt(0) == '-';
        String mantissa = java.substring(negative ? 1 : 0, e);
        if (mantissa.length() != 3 || mantissa.charAt(1) != '.' || mantissa.charAt(2) == '0') {
            return java;
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        int first = mantissa.charAt(0) - '0';
        String best = null;
        BigDecimal bestDistance = null;
        for (int digit : new int[]{first, first + 1}) {
            String candidate = (negative ? "-" : "")
                    + (digit == 10 ? "1.0E" + (exponent + 1) : digit + ".0E" + exponent);
            if (readsBack.test(candidate)) {
                BigDecimal distance = new BigDecimal(candidate).subtract(exact).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return best == null ? java : best;
    }

    /**
     * Java's rendering of the shortest decimal ({@code -1.25E-7}, {@code 123.0}) laid out as ECMAScript's
     * Number::toString: with k digits s and the point after the n-th digit, plain for -6 < n <= 21, else exponential.
     */
    private static String layout(String java) {
        StringBuilder out = new StringBuilder(32);
        int start = 0;
        if (java.charAt(0) == '-') {
            out.append('-');
            start = 1;
        }
        int e = java.indexOf('E');
        String mantissa = java.substring(start, e < 0 ? java.length() : e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int point = mantissa.indexOf('.');
        String digits = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
        int n = (point < 0 ? mantissa.length() : point) + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        n -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int k = digits.length();
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int shown = n - 1;
            out.append('e').append(shown < 0 ? '-' : '+').append(Math.abs(shown));
        }
        return out.toString();
    }

    /** Writes {@code double}s and {@code float}s as JavaScript does, whoever asks (beans, maps, {@code JsonNode}s). */
    private static final class JsNumbers extends JsonGeneratorDelegate {

        JsNumbers(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            writeRawValue(jsNumber(v));
        }

        @Override
        public void writeNumber(float v) throws IOException {
            writeRawValue(jsNumber(v));
        }

        /** Jackson escapes a lone surrogate in upper case; JSON.stringify in lower case. */
        @Override
        public void writeString(String text) throws IOException {
            if (text == null || !hasLoneSurrogate(text)) {
                super.writeString(text);
            } else {
                writeRawValue(quoted(text));
            }
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            if (!hasLoneSurrogate(name)) {
                super.writeFieldName(name);
            } else {
                super.writeFieldName(new QuotedAs(name, quoted(name)));
            }
        }

        /** {@code text} in quotes, escaped as JSON.stringify escapes it. */
        private static String quoted(String text) {
            StringBuilder quoted = new StringBuilder(text.length() + 16).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\b' -> quoted.append("\\b");
                    case '\t' -> quoted.append("\\t");
                    case '\n' -> quoted.append("\\n");
                    case '\f' -> quoted.append("\\f");
                    case '\r' -> quoted.append("\\r");
                    default -> {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))
                                || Character.isLowSurrogate(c) && i > 0
                                        && Character.isHighSurrogate(text.charAt(i - 1));
                        if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }

        private static boolean hasLoneSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A field name whose escaped form is given: Jackson writes it as these bytes, between its quotes. */
    private static final class QuotedAs implements SerializableString {

        private final String name;
        private final String quoted;
        private final byte[] quotedUtf8;

        QuotedAs(String name, String quotedWithQuotes) {
            this.name = name;
            this.quoted = quotedWithQuotes.substring(1, quotedWithQuotes.length() - 1);
            this.quotedUtf8 = quoted.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String getValue() {
            return name;
        }

        @Override
        public int charLength() {
            return name.length();
        }

        @Override
        public char[] asQuotedChars() {
            return quoted.toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quotedUtf8.clone();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return append(quotedUtf8, buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            if (offset + quoted.length() > buffer.length) {
                return -1;
            }
            quoted.getChars(0, quoted.length(), buffer, offset);
            return quoted.length();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            return append(asUnquotedUTF8(), buffer, offset);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + name.length() > buffer.length) {
                return -1;
            }
            name.getChars(0, name.length(), buffer, offset);
            return name.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            out.write(quotedUtf8);
            return quotedUtf8.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            byte[] bytes = asUnquotedUTF8();
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return put(quotedUtf8, buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            return put(asUnquotedUTF8(), buffer);
        }

        private static int append(byte[] bytes, byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        private static int put(byte[] bytes, ByteBuffer buffer) {
            if (bytes.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }
    }

    /**
     * JSON.stringify's escapes: the short ones Jackson also uses (b, t, n, f, r, quote, backslash), other control
     * characters as lower-case {@code &#92;u00XX}.
     */
    private static final class JsEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final int[] ASCII;

        static {
            ASCII = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (ASCII[c] == ESCAPE_STANDARD) {
                    ASCII[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
