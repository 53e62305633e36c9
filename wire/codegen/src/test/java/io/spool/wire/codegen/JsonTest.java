package io.spool.wire.codegen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void readsSpecStyleJsonWithComments() {
        Object value = Json.parse("""
                // Licensed to ...
                /* block
                   comment */
                {
                  "name": "X\\"y\\u0041", // trailing comment
                  "list": [1, -2, 3.5, true, false, null],
                  "empty": {}, "none": []
                }
                """);
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals("X\"yA", map.get("name"));
        assertEquals(List.of(1L, -2L, 3.5, true, false), ((List<?>) map.get("list")).subList(0, 5));
        assertTrue(((List<?>) map.get("list")).contains(null));
        assertEquals(Map.of(), map.get("empty"));
        assertEquals(List.of(), map.get("none"));
        assertEquals(List.of("name", "list", "empty", "none"), List.copyOf(map.keySet()), "keys keep file order");
    }

    @Test
    void reportsErrorsWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n\"a\": 1,\n\"b\" 2}"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": \"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] 2"));
    }
}
