package io.spool.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spool.wire.protocol.FileSliceRecords;
import io.spool.wire.records.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reading back what the log returns. */
final class LogTestSupport {
    private LogTestSupport() {
    }

    /** The bytes of a file slice. */
    static ByteBuf bytesOf(FileSliceRecords slice) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(slice.size());
        while (buffer.hasRemaining()) {
            if (slice.channel().read(buffer, slice.position() + buffer.position()) < 0) {
                throw new IOException("slice runs past the end of its file");
            }
        }
        return Unpooled.wrappedBuffer(buffer.array());
    }

    /** The base offsets of the batches in a slice, checking that each is whole and valid. */
    static List<Long> baseOffsets(FileSliceRecords slice) throws IOException {
        ByteBuf bytes = bytesOf(slice);
        List<Long> offsets = new ArrayList<>();
        RecordBatch batch = RecordBatch.at(bytes, 0);
        for (int index = 0; index < bytes.writerIndex(); index += batch.sizeInBytes()) {
            batch.wrap(bytes, index);
            batch.ensureValid();
            offsets.add(batch.baseOffset());
        }
        return offsets;
    }
}
