package io.spool.broker.partition;

/** Told after records were appended to a partition (and became visible below its high watermark). */
@FunctionalInterface
public interface AppendListener {
    void appended(Partition partition);
}
