package io.spool.wire.codegen;

/**
 * How each spec type looks in the generated Java: its declared type, default value, and the
 * expressions that read and write it with the runtime helpers (ProtocolReader, MessageWriter).
 */
final class JavaTypes {
    private JavaTypes() {
    }

    static String declared(FieldType type) {
        if (type.isArray()) {
            return "List<" + boxed(type.elementType()) + ">";
        }
        switch (type.spelling()) {
            case "bool": return "boolean";
            case "int8": return "byte";
            case "int16": return "short";
            case "uint16":
            case "int32": return "int";
            case "uint32":
            case "int64": return "long";
            case "float64": return "double";
            case "string": return "String";
            case "uuid": return "UUID";
            case "bytes": return "byte[]";
            case "records": return "Records";
            default: return type.spelling();
        }
    }

    static String boxed(FieldType type) {
        if (type.isArray()) {
            throw new IllegalArgumentException("arrays of arrays are not supported: " + type);
        }
        switch (type.spelling()) {
            case "bool": return "Boolean";
            case "int8": return "Byte";
            case "int16": return "Short";
            case "uint16":
            case "int32": return "Integer";
            case "uint32":
            case "int64": return "Long";
            case "float64": return "Double";
            case "records": throw new IllegalArgumentException("arrays of records are not supported");
            default: return declared(type);
        }
    }

    /** Whether values are compared with == (primitives) rather than equals. */
    static boolean isJavaPrimitive(FieldType type) {
        return type.fixedSize() > 0 && !type.spelling().equals("uuid");
    }

    /** The Java expression of the field's default value. */
    static String defaultValue(FieldSpec field) {
        FieldType type = field.type();
        String def = field.defaultValue();
        if ("null".equals(def)) {
            if (field.nullableVersions().isEmpty() && !type.spelling().equals("records")) {
                throw new IllegalArgumentException(field.name() + ": default null but never nullable");
            }
            return "null";
        }
        if (type.isArray()) {
            requireNoDefault(field);
            return "new ArrayList<>(0)";
        }
        if (type.isStruct()) {
            requireNoDefault(field);
            return "new " + type.spelling() + "()";
        }
        switch (type.spelling()) {
            case "bool":
                return def == null ? "false" : Boolean.toString(Boolean.parseBoolean(def));
            case "int8": // a constant in range narrows implicitly, no cast needed
                return Long.toString(integer(def, Byte.MIN_VALUE, Byte.MAX_VALUE, field));
            case "int16":
                return Long.toString(integer(def, Short.MIN_VALUE, Short.MAX_VALUE, field));
            case "uint16":
                return Long.toString(integer(def, 0, 65535, field));
            case "int32":
                return Long.toString(integer(def, Integer.MIN_VALUE, Integer.MAX_VALUE, field));
            case "uint32":
                return integer(def, 0, 0xFFFFFFFFL, field) + "L";
            case "int64":
                return integer(def, Long.MIN_VALUE, Long.MAX_VALUE, field) + "L";
            case "float64":
                return def == null ? "0.0" : Double.toString(Double.parseDouble(def));
            case "string":
                return def == null ? "\"\"" : quote(def);
            case "uuid":
                requireNoDefault(field);
                return "ZERO_UUID";
            case "bytes":
                requireNoDefault(field);
                return "EMPTY_BYTES";
            case "records":
                return "null";
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static void requireNoDefault(FieldSpec field) {
        if (field.defaultValue() != null && !field.defaultValue().isEmpty()) {
            throw new IllegalArgumentException(field.name() + ": unsupported default " + field.defaultValue());
        }
    }

    private static long integer(String def, long min, long max, FieldSpec field) {
        if (def == null || def.isEmpty()) {
            return 0;
        }
        String s = def.trim();
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        long v = digits.startsWith("0x") || digits.startsWith("0X")
                ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        v = negative ? -v : v;
        if (v < min || v > max) {
            throw new IllegalArgumentException(field.name() + ": default " + def + " out of range");
        }
        return v;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Expression reading one value of {@code type} from the ByteBuf named {@code in}. Structs read
     * with the same version; nullable structs are the caller's concern.
     */
    static String read(FieldType type, String in, String compact, String nullable) {
        if (type.isArray()) {
            FieldType element = type.elementType();
            int min = Math.max(1, element.fixedSize());
            return "readArray(" + in + ", " + compact + ", " + nullable + ", " + min + ", b -> "
                    + read(element, "b", compact, "false") + ")";
        }
        if (type.isStruct()) {
            return "new " + type.spelling() + "(" + in + ", version)";
        }
        switch (type.spelling()) {
            case "bool": return "readBool(" + in + ")";
            case "int8": return "readInt8(" + in + ")";
            case "int16": return "readInt16(" + in + ")";
            case "uint16": return "readUint16(" + in + ")";
            case "int32": return "readInt32(" + in + ")";
            case "uint32": return "readUint32(" + in + ")";
            case "int64": return "readInt64(" + in + ")";
            case "float64": return "readFloat64(" + in + ")";
            case "uuid": return "readUuid(" + in + ")";
            case "string": return "readString(" + in + ", " + compact + ", " + nullable + ")";
            case "bytes": return "readBytes(" + in + ", " + compact + ", " + nullable + ")";
            case "records": return "readRecords(" + in + ", " + compact + ", " + nullable + ")";
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    /** Statement (without ';') writing {@code value} of {@code type} to the MessageWriter named {@code out}. */
    static String write(FieldType type, String out, String value, String compact, String nullable) {
        if (type.isArray()) {
            return out + ".writeArray(" + value + ", " + compact + ", " + nullable + ", (w, e) -> "
                    + write(type.elementType(), "w", "e", compact, "false") + ")";
        }
        if (type.isStruct()) {
            return nullable.equals("false") ? value + ".write(" + out + ", version)"
                    : out + ".writeStruct(" + value + ", version, " + nullable + ")";
        }
        switch (type.spelling()) {
            case "bool": return out + ".writeBool(" + value + ")";
            case "int8": return out + ".writeInt8(" + value + ")";
            case "int16":
            case "uint16": return out + ".writeInt16(" + value + ")";
            case "int32": return out + ".writeInt32(" + value + ")";
            case "uint32": return out + ".writeUint32(" + value + ")";
            case "int64": return out + ".writeInt64(" + value + ")";
            case "float64": return out + ".writeDouble(" + value + ")";
            case "uuid": return out + ".writeUuid(" + value + ")";
            case "string": return out + ".writeString(" + value + ", " + compact + ", " + nullable + ")";
            case "bytes": return out + ".writeBytes(" + value + ", " + compact + ", " + nullable + ")";
            case "records": return out + ".writeRecords(" + value + ", " + compact + ", " + nullable + ")";
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
