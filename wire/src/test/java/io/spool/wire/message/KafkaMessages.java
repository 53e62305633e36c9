package io.spool.wire.message;

import io.spool.wire.codegen.FieldSpec;
import io.spool.wire.codegen.FieldType;
import io.spool.wire.codegen.MessageSpec;
import io.spool.wire.codegen.StructSpec;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds random but valid instances of kafka-clients' own generated message classes, driven by our
 * parsed spec model: only fields present in the version are set, null only where the version allows
 * it, tagged fields left at their default half of the time, arrays of 0-3 elements.
 */
final class KafkaMessages {
    private static final String PACKAGE = "org.apache.kafka.common.message.";
    private static final String ALPHABET = "abcXYZ09-_.é€漢";

    private final MessageSpec spec;
    private final Map<String, StructSpec> structs;
    private final Class<?> kafkaClass;

    KafkaMessages(MessageSpec spec) {
        this.spec = spec;
        this.structs = spec.structs();
        this.kafkaClass = kafkaClass(spec.name());
    }

    /** kafka-clients names request, response and header classes with a "Data" suffix, data specs as they are. */
    private static Class<?> kafkaClass(String name) {
        try {
            return Class.forName(PACKAGE + name + "Data");
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(PACKAGE + name);
            } catch (ClassNotFoundException again) {
                throw new AssertionError("kafka-clients has no class for spec " + name, again);
            }
        }
    }

    /** A message with every field at its default, as kafka-clients' no-argument constructor makes it. */
    Message empty() {
        return (Message) newInstance(kafkaClass);
    }

    Message random(short version, Random random) {
        Object message = newInstance(kafkaClass);
        new Filler(version, random).fill(message, spec.root().fields());
        return (Message) message;
    }

    static byte[] serialize(Message message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        if (buffer.hasRemaining()) {
            throw new AssertionError("Kafka wrote fewer bytes than its size said");
        }
        return buffer.array();
    }

    Message deserialize(byte[] bytes, short version) {
        try {
            return (Message) kafkaClass.getConstructor(Readable.class, short.class)
                    .newInstance(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), version);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot create " + type, e);
        }
    }

    private final class Filler {
        private final short version;
        private final Random random;

        Filler(short version, Random random) {
            this.version = version;
            this.random = random;
        }

        void fill(Object target, List<FieldSpec> fields) {
            for (FieldSpec f : fields) {
                if (!f.versions().contains(version) || (f.isTagged() && random.nextBoolean())) {
                    continue;
                }
                Method setter = setter(target.getClass(), f.setterName());
                try {
                    setter.invoke(target, value(f, setter.getParameterTypes()[0]));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot set " + spec.name() + "." + f.name(), e);
                }
            }
        }

        private Object value(FieldSpec f, Class<?> javaType) {
            if (f.nullableVersions().contains(version) && random.nextInt(4) == 0) {
                return null;
            }
            FieldType type = f.type();
            if (type.isArray()) {
                @SuppressWarnings("unchecked")
                Collection<Object> values = List.class.isAssignableFrom(javaType)
                        ? new ArrayList<>() : (Collection<Object>) newInstance(javaType);
                for (int i = random.nextInt(4); i > 0; i--) {
                    values.add(element(type.elementType()));
                }
                return values;
            }
            if (type.isStruct()) {
                return struct(type.spelling());
            }
            if (type.spelling().equals("bytes") && javaType == ByteBuffer.class) {
                return ByteBuffer.wrap(bytes());
            }
            return primitive(type.spelling());
        }

        private Object element(FieldType type) {
            return type.isStruct() ? struct(type.spelling()) : primitive(type.spelling());
        }

        private Object struct(String name) {
            Object struct = newInstance(nestedClass(name));
            fill(struct, structs.get(name).fields());
            return struct;
        }

        private Object primitive(String type) {
            switch (type) {
                case "bool": return random.nextBoolean();
                case "int8": return (byte) random.nextInt();
                case "int16": return (short) random.nextInt();
                case "uint16": return random.nextInt(65536);
                case "int32": return random.nextBoolean() ? random.nextInt(100) - 1 : random.nextInt();
                case "uint32": return random.nextLong() & 0xFFFFFFFFL;
                case "int64": return random.nextBoolean() ? (long) random.nextInt(1000) - 1 : random.nextLong();
                case "float64": return random.nextDouble() * 2e6 - 1e6;
                case "string": return string();
                case "uuid": return random.nextInt(4) == 0 ? Uuid.ZERO_UUID : new Uuid(random.nextLong(), random.nextLong());
                case "bytes": return bytes();
                case "records": return records();
                default: throw new AssertionError("unknown type " + type);
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(8) == 0) {
                sb.append("\uD834\uDD1E"); // a supplementary character: four UTF-8 bytes
            }
            return sb.toString();
        }

        private byte[] bytes() {
            byte[] b = new byte[random.nextInt(10)];
            random.nextBytes(b);
            return b;
        }

        private MemoryRecords records() {
            if (random.nextInt(4) == 0) {
                return MemoryRecords.EMPTY;
            }
            SimpleRecord[] records = new SimpleRecord[1 + random.nextInt(3)];
            for (int i = 0; i < records.length; i++) {
                records[i] = new SimpleRecord(random.nextLong() & Long.MAX_VALUE, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        string().getBytes(StandardCharsets.UTF_8));
            }
            return MemoryRecords.withRecords(Compression.NONE, records);
        }

        private Class<?> nestedClass(String struct) {
            try {
                return Class.forName(kafkaClass.getName() + "$" + struct);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("kafka-clients has no struct " + struct + " in " + kafkaClass, e);
            }
        }
    }

    private static Method setter(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new AssertionError(type.getName() + " has no " + name);
    }
}
