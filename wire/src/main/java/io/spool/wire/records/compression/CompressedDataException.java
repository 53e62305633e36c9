package io.spool.wire.records.compression;

import java.io.IOException;

/** Compressed bytes that are malformed, truncated, or decompress beyond the allowed size. */
public final class CompressedDataException extends IOException {
    public CompressedDataException(String message) {
        super(message);
    }

    public CompressedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
