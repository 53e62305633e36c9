package io.spool.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each failsafe execution must really run the kafka-clients release it is named for. */
class ClientVersionIT {
    @Test
    void loadedKafkaClientsIsTheOneThisExecutionIsFor() {
        assertEquals(ClientGeneration.expected(), ClientGeneration.loaded(),
                "kafka-clients loaded from " + ClientGeneration.location() + "; check the failsafe execution's classpath");
    }
}
