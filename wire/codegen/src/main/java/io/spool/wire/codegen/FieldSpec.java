package io.spool.wire.codegen;

import java.util.List;
import java.util.Map;

/**
 * One field of a message or struct. {@code flexibleVersions} is null unless the field overrides
 * the message's; {@code tag} is null for untagged fields; {@code defaultValue} is the spec's
 * "default" as text, or null; {@code fields} is non-null for a struct defined inline.
 */
public record FieldSpec(String name, FieldType type, Versions versions, Versions nullableVersions,
                        Versions flexibleVersions, Versions taggedVersions, Integer tag,
                        String defaultValue, String about, List<FieldSpec> fields) {

    @SuppressWarnings("unchecked")
    static FieldSpec parse(Map<String, Object> json) {
        String name = (String) json.get("name");
        Object tag = json.get("tag");
        Object def = json.get("default");
        List<Map<String, Object>> nested = (List<Map<String, Object>>) json.get("fields");
        FieldSpec field = new FieldSpec(
                name,
                new FieldType((String) json.get("type")),
                versions(json, "versions", null),
                versions(json, "nullableVersions", Versions.NONE),
                versions(json, "flexibleVersions", null),
                versions(json, "taggedVersions", Versions.NONE),
                tag == null ? null : ((Number) tag).intValue(),
                def == null ? null : def.toString(),
                (String) json.getOrDefault("about", ""),
                nested == null ? null : nested.stream().map(FieldSpec::parse).toList());
        if (field.versions == null) {
            throw new IllegalArgumentException("field " + name + " has no versions");
        }
        if ((field.tag == null) != field.taggedVersions.isEmpty()) {
            throw new IllegalArgumentException("field " + name + " needs both tag and taggedVersions");
        }
        return field;
    }

    private static Versions versions(Map<String, Object> json, String key, Versions absent) {
        Object v = json.get(key);
        return v == null ? absent : Versions.parse(v.toString());
    }

    public boolean isTagged() {
        return tag != null;
    }

    /** The Java name of the field: lower camel case of the spec name. */
    public String javaName() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The name of the fluent setter: "set" + upper camel case of the spec name. */
    public String setterName() {
        return "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The struct type named by this field, or its array element type; null for primitives. */
    public String structTypeName() {
        FieldType t = type.isArray() ? type.elementType() : type;
        return t.isStruct() ? t.spelling() : null;
    }
}
