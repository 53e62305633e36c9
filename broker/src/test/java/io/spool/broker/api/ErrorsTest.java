package io.spool.broker.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorsTest {
    @Test
    void codesMatchKafkas() {
        for (Errors e : Errors.values()) {
            assertEquals(org.apache.kafka.common.protocol.Errors.forCode(e.code()).name(), e.name());
        }
    }
}
