package io.spool.wire.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A protocol message (request, response, header or data struct) that reads and writes itself for a
 * given version. Implemented by the generated classes in {@code io.spool.wire.message}.
 */
public interface Message {
    /**
     * Reads this message's fields for {@code version} from {@code in}, leaving {@code in}'s reader
     * index after the message. Every length is checked against the readable bytes before anything
     * is allocated; inconsistent bytes throw {@link MessageFormatException}.
     */
    void read(ByteBuf in, short version);

    /** Writes this message's fields for {@code version}. Records fields are added without copying. */
    void write(MessageWriter out, short version);

    short lowestSupportedVersion();

    short highestSupportedVersion();
}
