package io.spool.log.index;

/** An offset and the file position of the batch the offset index points at for it. */
public record OffsetPosition(long offset, int position) {
}
