package io.spool.wire.codegen;

import java.util.Set;

/** A field's type as spelled in the specs: a primitive ("int32", "string", ...), a struct name, or "[]" + element type. */
public record FieldType(String spelling) {
    private static final Set<String> PRIMITIVES = Set.of(
            "bool", "int8", "int16", "uint16", "int32", "uint32", "int64", "float64",
            "string", "uuid", "bytes", "records");

    public boolean isArray() {
        return spelling.startsWith("[]");
    }

    public FieldType elementType() {
        if (!isArray()) {
            throw new IllegalStateException(spelling + " is not an array");
        }
        return new FieldType(spelling.substring(2));
    }

    public boolean isPrimitive() {
        return PRIMITIVES.contains(spelling);
    }

    public boolean isStruct() {
        return !isArray() && !isPrimitive();
    }

    /** Whether values of this type are encoded with a length prefix (and so may be compact and nullable). */
    public boolean hasLength() {
        return isArray() || spelling.equals("string") || spelling.equals("bytes") || spelling.equals("records");
    }

    /** Encoded size of a fixed-size primitive, or 0 for variable-size types. */
    public int fixedSize() {
        switch (spelling) {
            case "bool":
            case "int8":
                return 1;
            case "int16":
            case "uint16":
                return 2;
            case "int32":
            case "uint32":
                return 4;
            case "int64":
            case "float64":
                return 8;
            case "uuid":
                return 16;
            default:
                return 0;
        }
    }

    @Override
    public String toString() {
        return spelling;
    }
}
