package io.spool.replication.controller;

import java.util.List;

/** A partition's leader (or NO_LEADER) and ISR as the controller wants them. */
public record Leadership(int leader, List<Integer> isr) {
    public Leadership {
        isr = List.copyOf(isr);
    }
}
