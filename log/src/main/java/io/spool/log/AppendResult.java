package io.spool.log;

/**
 * The outcome of a leader append: the offsets the batches got, the broker time stamped on them
 * ({@code -1} unless the topic uses LogAppendTime) and the log start offset after the append.
 * {@code duplicate} is true when the producer retried a batch already in the log; the offsets are
 * then the original batch's and nothing was written, which answers the retry as Kafka does.
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset,
                           boolean duplicate) {
}
