package io.spool.broker.it;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A plain socket to the broker for tests that send exact bytes: requests built and responses parsed
 * with kafka-clients' own classes, or hand-made frames.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes bytes exactly as given. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code payload} as a frame: its size, then the bytes. */
    void sendFrame(ByteBuffer payload) throws IOException {
        byte[] bytes = new byte[4 + payload.remaining()];
        ByteBuffer.wrap(bytes).putInt(payload.remaining()).put(payload);
        sendRaw(bytes);
    }

    /** Sends the request (in the version it was built for); returns its header.  */
    RequestHeader send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-client", ++correlationId);
        sendFrame(request.serializeWithHeader(header));
        return header;
    }

    /** Sends the request and reads its response. */
    @SuppressWarnings("unchecked")
    <R extends AbstractResponse> R roundTrip(AbstractRequest request) throws IOException {
        RequestHeader header = send(request);
        return (R) receive(header);
    }

    AbstractResponse receive(RequestHeader header) throws IOException {
        return AbstractResponse.parseResponse(ByteBuffer.wrap(receiveFrame()), header);
    }

    byte[] receiveFrame() throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    /** True once the broker has closed the connection (read sees end of stream or a reset). */
    boolean closedByBroker() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
