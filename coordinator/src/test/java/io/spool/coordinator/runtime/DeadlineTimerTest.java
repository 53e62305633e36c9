package io.spool.coordinator.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineTimerTest {
    private final DeadlineTimer timer = new DeadlineTimer();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsDueActionsInDeadlineOrderAndOnlyThose() {
        timer.schedule("b", 20, () -> ran.add("b"));
        timer.schedule("a", 10, () -> ran.add("a"));
        timer.schedule("c", 30, () -> ran.add("c"));
        timer.runDue(19);
        assertEquals(List.of("a"), ran);
        timer.runDue(30);
        assertEquals(List.of("a", "b", "c"), ran);
        timer.runDue(1000);
        assertEquals(List.of("a", "b", "c"), ran, "each action runs once");
    }

    @Test
    void schedulingAKeyAgainReplacesItsAction() {
        timer.schedule("session", 10, () -> ran.add("first"));
        timer.schedule("session", 50, () -> ran.add("second"));
        timer.runDue(40);
        assertTrue(ran.isEmpty(), "the first deadline no longer counts");
        timer.runDue(50);
        assertEquals(List.of("second"), ran);
    }

    @Test
    void cancelledActionsNeverRun() {
        timer.schedule("x", 10, () -> ran.add("x"));
        timer.cancel("x");
        timer.runDue(100);
        assertTrue(ran.isEmpty());
    }

    @Test
    void actionsMayScheduleMoreThatRunInTheSamePassWhenAlreadyDue() {
        timer.schedule("outer", 10, () -> {
            ran.add("outer");
            timer.schedule("inner", 5, () -> ran.add("inner"));
            timer.schedule("later", 500, () -> ran.add("later"));
        });
        timer.runDue(10);
        assertEquals(List.of("outer", "inner"), ran);
        timer.runDue(500);
        assertEquals(List.of("outer", "inner", "later"), ran);
    }

    @Test
    void clearDropsEverything() {
        timer.schedule("x", 10, () -> ran.add("x"));
        timer.clear();
        timer.runDue(1000);
        assertTrue(ran.isEmpty());
    }
}
