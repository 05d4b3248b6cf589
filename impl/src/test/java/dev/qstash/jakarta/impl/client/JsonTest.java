package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@link Json} writes for values the random comparison with the SDK cannot carry (a JSON file holds no NaN, no
 * {@code float}, no Jackson tree), each against what JavaScript's {@code JSON.stringify} writes for the same value.
 */
class JsonTest {

    private static String json(Object value) throws Exception {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }

    @Test
    void numbersJsonCannotHoldAreNullAsInJavaScript() throws Exception {
        // JSON.stringify([NaN, Infinity, -Infinity, -0]) === '[null,null,null,0]'
        assertEquals("[null,null,null,0]", json(List.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0)));
        assertEquals("[null,0]", json(List.of(Float.NaN, -0.0f)));
    }

    @Test
    void doublesInEcmaScriptLayout() throws Exception {
        // JSON.stringify([0.0003, 1e21, 1e-7, 1.23e-18, 0.000001, 2, 5e-324, 1e-323, 123456789012345680000])
        assertEquals("[0.0003,1e+21,1e-7,1.23e-18,0.000001,2,5e-324,1e-323,123456789012345680000]",
                json(List.of(0.0003, 1e21, 1e-7, 1.23e-18, 0.000001, 2.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                        1.2345678901234568E20)));
    }

    @Test
    void floatsWithTheirShortestDigits() throws Exception {
        assertEquals("[0.1,1e-7,3.4028235e+38]", json(List.of(0.1f, 1e-7f, Float.MAX_VALUE)));
    }

    @Test
    void jacksonTreesToo() throws Exception {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("small", 0.0003).put("whole", 2.0)
                .put("rocket", "\uD83D\uDE80");
        assertEquals("{\"small\":0.0003,\"whole\":2,\"rocket\":\"\uD83D\uDE80\"}", json(node));
    }

    @Test
    void textAsJsonStringifyEscapesIt() throws Exception {
        // 🚀 as its four UTF-8 bytes, not as \ud83d\ude80
        assertArrayEquals(new byte[]{'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x9A, (byte) 0x80, '"'},
                Json.bytes("\uD83D\uDE80"));
        // JSON.stringify("\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028") in lower case, short forms, the rest raw
        assertEquals("\"\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028\"",
                json("\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028"));
        // lone surrogates, in a value and in a name: JSON.stringify({"k\ud800": "x\udc00y"})
        Map<String, Object> lone = Map.of("k\uD800", "x\uDC00y\u0001");
        assertEquals("{\"k\\ud800\":\"x\\udc00y\\u0001\"}", json(lone));
    }

    /**
     * The README's listed difference: JavaScript puts an object's array-index keys first, in numeric order; Java
     * keeps a map's own order.
     */
    @Test
    void mapsKeepTheirOrderEvenForIndexKeys() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("2", 2);
        // JSON.stringify({b: 1, 2: 2}) === '{"2":2,"b":1}'
        assertEquals("{\"b\":1,\"2\":2}", json(map));
    }
}
