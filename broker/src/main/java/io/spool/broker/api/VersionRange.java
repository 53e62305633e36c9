package io.spool.broker.api;

/** An inclusive range of API versions. */
public record VersionRange(short lowest, short highest) {
    public VersionRange {
        if (lowest > highest) {
            throw new IllegalArgumentException("empty version range " + lowest + "-" + highest);
        }
    }

    public static VersionRange of(int lowest, int highest) {
        return new VersionRange((short) lowest, (short) highest);
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    @Override
    public String toString() {
        return lowest + "-" + highest;
    }
}
