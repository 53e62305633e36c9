package io.spool.bench.sidebyside;

/** One run of one workload on one broker: its metrics, or why it failed (then failure is not null). */
record RunResult(String workload, BrokerKind broker, int round, Measurement measurement, String failure) {
    static RunResult succeeded(String workload, BrokerKind broker, int round, Measurement measurement) {
        return new RunResult(workload, broker, round, measurement, null);
    }

    static RunResult failed(String workload, BrokerKind broker, int round, Measurement partial, String failure) {
        return new RunResult(workload, broker, round, partial, failure);
    }

    boolean ok() {
        return failure == null;
    }
}
