package io.spool.log.segment;

/** Where a batch lies in a segment file, with the offsets it spans. */
public record BatchLocation(int position, int size, long baseOffset, long lastOffset) {
}
