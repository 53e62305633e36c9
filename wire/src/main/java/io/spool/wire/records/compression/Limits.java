package io.spool.wire.records.compression;

/** The one wording of a decompression bound being hit, so every codec reports it alike. */
final class Limits {
    private Limits() {
    }

    static CompressedDataException exceeded(long maxBytes) {
        return new CompressedDataException("decompressed data exceeds the limit of " + maxBytes + " bytes");
    }
}
