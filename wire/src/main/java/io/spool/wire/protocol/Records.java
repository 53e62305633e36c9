package io.spool.wire.protocol;

/**
 * The bytes of a {@code records} field, carried without copying: a slice of a received frame, or a
 * region of a segment file to be sent with sendfile.
 */
public sealed interface Records permits BufferRecords, FileSliceRecords {
    int sizeInBytes();
}
