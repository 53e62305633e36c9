package io.spool.compat;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the Kafka protocol, written by hand from its documentation, for requests stock clients do not
 * send as a test needs them (request header v1, response header v0): InitProducerId v1 and Produce v8 to play an
 * idempotent producer that resends an exact batch, and DescribeGroups v0, the oldest version, whose answer for an
 * unknown group older clients depend on.
 */
public final class RawKafkaClient implements Closeable {
    private static final short PRODUCE = 0;
    private static final short DESCRIBE_GROUPS = 15;
    private static final short INIT_PRODUCER_ID = 22;
    private static final short PRODUCE_VERSION = 8;
    private static final short INIT_PRODUCER_ID_VERSION = 1;
    private static final int SOCKET_TIMEOUT_MS = 30_000;

    /** The producer id and epoch the broker handed out. */
    public record ProducerId(long id, short epoch) {
    }

    /** One partition's answer to a produce request. */
    public record PartitionResult(short errorCode, long baseOffset) {
    }

    /** One group's entry in a DescribeGroups v0 answer. */
    public record DescribedGroup(short errorCode, String groupId, String state, String protocolType, int memberCount) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    public RawKafkaClient(String host, int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), SOCKET_TIMEOUT_MS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** A new idempotent (non-transactional) producer id; fails unless the broker answers NONE. */
    public ProducerId initProducerId() {
        ByteBuffer body = ByteBuffer.allocate(6);
        body.putShort((short) -1);   // transactional id: null
        body.putInt(Integer.MAX_VALUE); // transaction timeout: what the Java client sends when not transactional
        ByteBuffer response = call(INIT_PRODUCER_ID, INIT_PRODUCER_ID_VERSION, body.array());
        response.getInt();           // throttle time
        short error = response.getShort();
        long id = response.getLong();
        short epoch = response.getShort();
        if (error != 0) {
            throw new AssertionError("InitProducerId failed with error code " + error);
        }
        return new ProducerId(id, epoch);
    }

    /** Sends one record batch to one partition with acks=all and returns the partition's answer. */
    public PartitionResult produce(String topic, int partition, byte[] batch) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(2 + 2 + 4 + 4 + 2 + name.length + 4 + 4 + 4 + batch.length);
        body.putShort((short) -1);   // transactional id: null
        body.putShort((short) -1);   // acks=all
        body.putInt(SOCKET_TIMEOUT_MS);
        body.putInt(1);              // one topic
        body.putShort((short) name.length).put(name);
        body.putInt(1);              // one partition
        body.putInt(partition);
        body.putInt(batch.length).put(batch);
        ByteBuffer response = call(PRODUCE, PRODUCE_VERSION, body.array());
        expectCount(response.getInt(), "topics");
        skipString(response);
        expectCount(response.getInt(), "partitions");
        int index = response.getInt();
        if (index != partition) {
            throw new AssertionError("answer for partition " + index + ", asked for " + partition);
        }
        short error = response.getShort();
        long baseOffset = response.getLong();
        return new PartitionResult(error, baseOffset);
    }

    /** DescribeGroups v0 for one group. */
    public DescribedGroup describeGroup(String group) {
        byte[] name = group.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(4 + 2 + name.length);
        body.putInt(1);              // one group
        body.putShort((short) name.length).put(name);
        ByteBuffer response = call(DESCRIBE_GROUPS, (short) 0, body.array());
        expectCount(response.getInt(), "groups");
        short error = response.getShort();
        String groupId = readString(response);
        String state = readString(response);
        String protocolType = readString(response);
        readString(response);        // protocol data
        int members = response.getInt();
        return new DescribedGroup(error, groupId, state, protocolType, members);
    }

    private ByteBuffer call(short apiKey, short version, byte[] body) {
        int id = ++correlationId;
        byte[] clientId = "spool-compat-raw".getBytes(StandardCharsets.UTF_8);
        try {
            out.writeInt(2 + 2 + 4 + 2 + clientId.length + body.length);
            out.writeShort(apiKey);
            out.writeShort(version);
            out.writeInt(id);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.write(body);
            out.flush();
            int size = in.readInt();
            if (size < 4) {
                throw new AssertionError("response frame of " + size + " bytes");
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            ByteBuffer response = ByteBuffer.wrap(frame);
            int answered = response.getInt();
            if (answered != id) {
                throw new AssertionError("response to correlation id " + answered + ", expected " + id);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("api " + apiKey + " v" + version + " failed", e);
        }
    }

    private static void expectCount(int count, String what) {
        if (count != 1) {
            throw new AssertionError("expected one entry in " + what + ", got " + count);
        }
    }

    private static String readString(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0) {
            return null;
        }
        if (length > buffer.remaining()) {
            throw new AssertionError("string of " + length + " bytes with " + buffer.remaining() + " left in the response");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skipString(ByteBuffer buffer) {
        short length = buffer.getShort();
        buffer.position(buffer.position() + Math.max(0, length));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
