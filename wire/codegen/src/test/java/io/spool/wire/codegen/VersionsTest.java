package io.spool.wire.codegen;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionsTest {

    @Test
    void parsesEverySpelling() {
        assertEquals(new Versions((short) 3, Short.MAX_VALUE), Versions.parse("3+"));
        assertEquals(new Versions((short) 1, (short) 11), Versions.parse(" 1-11 "));
        assertEquals(new Versions((short) 5, (short) 5), Versions.parse("5"));
        assertTrue(Versions.parse("none").isEmpty());
        assertEquals("3+", Versions.parse("3+").toString());
        assertEquals("1-11", Versions.parse("1-11").toString());
    }

    @Test
    void intersectsAndContains() {
        Versions valid = Versions.parse("3-13");
        assertEquals(Versions.parse("9-13"), Versions.parse("9+").intersect(valid));
        assertTrue(Versions.parse("0-2").intersect(valid).isEmpty());
        assertTrue(valid.contains(3) && valid.contains(13));
        assertFalse(valid.contains(14));
        assertFalse(Versions.NONE.contains(0));
    }
}
