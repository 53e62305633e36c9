package io.spool.bench.sidebyside;

/** The two brokers compared. */
enum BrokerKind {
    KAFKA("Kafka"),
    SPOOL("Spool");

    final String label;

    BrokerKind(String label) {
        this.label = label;
    }
}
