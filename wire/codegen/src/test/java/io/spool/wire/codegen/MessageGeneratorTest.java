package io.spool.wire.codegen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the generator writes for a small spec; the oracle test in spool-wire checks the bytes. */
class MessageGeneratorTest {

    @SuppressWarnings("unchecked")
    private static MessageSpec spec(String json) {
        return MessageSpec.parse((Map<String, Object>) Json.parse(json));
    }

    private static final String SPEC = """
            { "apiKey": 99, "type": "request", "listeners": ["broker"], "name": "DemoRequest",
              "validVersions": "0-4", "flexibleVersions": "2+",
              "fields": [
                { "name": "Id", "type": "int32", "versions": "0+", "default": "0x7fffffff" },
                { "name": "Tag", "type": "string", "versions": "3+", "nullableVersions": "3+", "default": "null",
                  "taggedVersions": "3+", "tag": 0 },
                { "name": "Items", "type": "[]Item", "versions": "1-3", "fields": [
                  { "name": "Name", "type": "string", "versions": "1+" } ]}
              ]}
            """;

    @Test
    void simplifiesVersionConditionsAgainstValidVersions() {
        String source = new MessageGenerator(spec(SPEC), MessageGenerator.PROTOCOL_PACKAGE).generate();
        assertTrue(source.contains("public static final short API_KEY = 99;"));
        assertTrue(source.contains("private int id = 2147483647;"), source);
        assertTrue(source.contains("this.id = readInt32(in);"), "always present: no condition");
        assertTrue(source.contains("this.items = (version >= 1 && version <= 3) ? readArray("), source);
        assertTrue(source.contains("boolean writeTag = version >= 3 && this.tag != null;"), source);
        assertTrue(source.contains("public static final class Item implements Message"));
        assertTrue(source.contains("public DemoRequest setItems(List<Item> v)"));
    }

    @Test
    void recordSchemasOfInternalTopicsArePlainMessagesInTheirOwnPackage() {
        String spec = """
                { "apiKey": 1, "type": "coordinator-key", "name": "DemoKey", "validVersions": "0",
                  "flexibleVersions": "none",
                  "fields": [ { "name": "Group", "type": "string", "versions": "0" } ]}
                """;
        String source = new MessageGenerator(spec(spec), "io.spool.demo.records").generate();
        assertTrue(source.contains("package io.spool.demo.records;"), source);
        assertTrue(source.contains("public final class DemoKey implements Message"), source);
        assertFalse(source.contains("API_KEY"), "only requests and responses are APIs");
    }

    @Test
    void refusesNamesThatWouldNotCompile() {
        String bad = SPEC.replace("\"name\": \"Id\"", "\"name\": \"Default\"");
        assertThrows(IllegalArgumentException.class, () -> new MessageGenerator(spec(bad), MessageGenerator.PROTOCOL_PACKAGE).generate());
    }

    @Test
    void apiKeyNamesAreUpperSnakeCase() {
        MessageSpec request = spec(SPEC);
        MessageSpec response = spec(SPEC.replace("\"request\"", "\"response\"").replace("DemoRequest", "DemoResponse"));
        List<ApiKeyGenerator.Api> apis = ApiKeyGenerator.apis(List.of(request, response));
        assertEquals("DEMO", apis.get(0).constant());
        String source = ApiKeyGenerator.generate(apis);
        assertTrue(source.contains("DEMO(99, \"Demo\", 0, 4, false, 2, 2, Set.of(\"broker\"));"), source);
        assertTrue(source.contains("case DEMO: return new DemoRequest();"), source);
        assertTrue(source.contains("case DEMO: return new DemoResponse();"), source);
    }
}
