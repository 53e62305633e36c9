package io.spool.wire.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON spec file: a request, response, header or data message. {@code apiKey} is null except
 * for requests and responses; {@code flexibleVersions} is {@link Versions#NONE} when never flexible.
 */
public record MessageSpec(String name, String type, Integer apiKey, Versions validVersions,
                          Versions flexibleVersions, List<String> listeners, boolean latestVersionUnstable,
                          StructSpec root, List<StructSpec> commonStructs) {

    @SuppressWarnings("unchecked")
    public static MessageSpec parse(Map<String, Object> json) {
        String name = (String) json.get("name");
        Versions valid = Versions.parse((String) json.get("validVersions"));
        List<Map<String, Object>> fields = (List<Map<String, Object>>) json.getOrDefault("fields", List.of());
        List<StructSpec> common = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) json.getOrDefault("commonStructs", List.of())) {
            common.add(new StructSpec((String) s.get("name"), Versions.parse((String) s.get("versions")),
                    ((List<Map<String, Object>>) s.get("fields")).stream().map(FieldSpec::parse).toList()));
        }
        Object key = json.get("apiKey");
        Object flexible = json.get("flexibleVersions");
        return new MessageSpec(name, (String) json.get("type"),
                key == null ? null : ((Number) key).intValue(),
                valid,
                flexible == null ? Versions.NONE : Versions.parse((String) flexible),
                (List<String>) json.getOrDefault("listeners", List.of()),
                Boolean.TRUE.equals(json.get("latestVersionUnstable")),
                new StructSpec(name, valid, fields.stream().map(FieldSpec::parse).toList()),
                common);
    }

    public boolean isApi() {
        return type.equals("request") || type.equals("response");
    }

    /**
     * Every struct other than the root, by type name: those defined inline (depth first, in field
     * order) and the common structs. A struct is defined once and may be referenced many times.
     */
    public Map<String, StructSpec> structs() {
        Map<String, StructSpec> out = new LinkedHashMap<>();
        collect(root.fields(), out);
        for (StructSpec s : commonStructs) {
            if (out.put(s.name(), s) != null) {
                throw new IllegalArgumentException(name + ": struct " + s.name() + " defined twice");
            }
            collect(s.fields(), out);
        }
        return out;
    }

    private void collect(List<FieldSpec> fields, Map<String, StructSpec> out) {
        for (FieldSpec f : fields) {
            if (f.fields() != null) {
                StructSpec s = new StructSpec(f.structTypeName(), f.versions(), f.fields());
                if (out.put(s.name(), s) != null) {
                    throw new IllegalArgumentException(name + ": struct " + s.name() + " defined twice");
                }
                collect(f.fields(), out);
            }
        }
    }
}
