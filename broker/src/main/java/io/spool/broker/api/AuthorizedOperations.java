package io.spool.broker.api;

/**
 * The authorized-operations bit sets Metadata, DescribeCluster and DescribeGroups report (KIP-430). Spool has no
 * authorizer, so every operation a resource type supports is allowed; the bits are Kafka's ACL
 * operation codes.
 */
public final class AuthorizedOperations {
    /** Reported when the client did not ask for authorized operations. */
    public static final int OMITTED = Integer.MIN_VALUE;

    private static final int READ = 3;
    private static final int WRITE = 4;
    private static final int CREATE = 5;
    private static final int DELETE = 6;
    private static final int ALTER = 7;
    private static final int DESCRIBE = 8;
    private static final int CLUSTER_ACTION = 9;
    private static final int DESCRIBE_CONFIGS = 10;
    private static final int ALTER_CONFIGS = 11;
    private static final int IDEMPOTENT_WRITE = 12;

    public static final int TOPIC = bits(READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS);
    public static final int GROUP = bits(READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS);
    public static final int CLUSTER = bits(CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE);

    private AuthorizedOperations() {
    }

    private static int bits(int... operations) {
        int set = 0;
        for (int op : operations) {
            set |= 1 << op;
        }
        return set;
    }
}
