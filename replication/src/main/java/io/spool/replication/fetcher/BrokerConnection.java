package io.spool.replication.fetcher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spool.replication.cluster.BrokerEndpoint;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.RequestHeader;
import io.spool.wire.message.ResponseHeader;
import io.spool.wire.protocol.ApiMessage;
import io.spool.wire.protocol.MessageFormatException;
import io.spool.wire.protocol.MessageWriter;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A blocking request/response connection to another broker, one request at a time, for a
 * fetcher thread. Responses are read into one pooled buffer per frame; decoded records are slices
 * of it, so the caller releases the frame when done with them.
 */
final class BrokerConnection implements Closeable {
    /** A decoded response and the frame its records point into. */
    record Response<T extends ApiMessage>(T body, ByteBuf frame) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String clientId;
    private final int maxResponseBytes;
    private int correlationId;

    private BrokerConnection(Socket socket, String clientId, int maxResponseBytes) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.clientId = clientId;
        this.maxResponseBytes = maxResponseBytes;
    }

    static BrokerConnection open(BrokerEndpoint endpoint, int timeoutMs, String clientId, int maxResponseBytes) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMs);
            return new BrokerConnection(socket, clientId, maxResponseBytes);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code request} as {@code version} and reads its response; the caller releases the frame. */
    <T extends ApiMessage> Response<T> send(ApiKey api, short version, ApiMessage request, T response) throws IOException {
        int id = ++correlationId;
        RequestHeader header = new RequestHeader().setRequestApiKey(api.id()).setRequestApiVersion(version)
                .setCorrelationId(id).setClientId(clientId);
        writeFrame(header, api.requestHeaderVersion(version), request, version);
        ByteBuf frame = readFrame();
        try {
            ResponseHeader responseHeader = new ResponseHeader(frame, api.responseHeaderVersion(version));
            if (responseHeader.correlationId() != id) {
                throw new IOException("response correlation id " + responseHeader.correlationId() + " where " + id + " was expected");
            }
            response.read(frame, version);
            return new Response<>(response, frame);
        } catch (MessageFormatException e) {
            frame.release();
            throw new IOException("malformed " + api.displayName() + " response: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    private void writeFrame(RequestHeader header, short headerVersion, ApiMessage request, short version) throws IOException {
        MessageWriter writer = new MessageWriter(ByteBufAllocator.DEFAULT);
        ByteBuf bytes = null;
        try {
            header.write(writer, headerVersion);
            request.write(writer, version);
            int size = (int) writer.size();
            bytes = ByteBufAllocator.DEFAULT.heapBuffer(4 + size);
            bytes.writeInt(size);
            for (Object part : writer.finish()) {
                ByteBuf buf = (ByteBuf) part; // requests of a fetcher carry no records
                try {
                    bytes.writeBytes(buf);
                } finally {
                    buf.release();
                }
            }
            out.write(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
            out.flush();
        } catch (RuntimeException e) {
            writer.discard();
            throw e;
        } finally {
            if (bytes != null) {
                bytes.release();
            }
        }
    }

    private ByteBuf readFrame() throws IOException {
        int size = (readByte() << 24) | (readByte() << 16) | (readByte() << 8) | readByte();
        if (size < 0 || size > maxResponseBytes) {
            throw new IOException("response of " + size + " bytes is outside [0, " + maxResponseBytes + "]");
        }
        ByteBuf frame = ByteBufAllocator.DEFAULT.buffer(size);
        try {
            while (frame.readableBytes() < size) {
                if (frame.writeBytes(in, size - frame.readableBytes()) < 0) {
                    throw new EOFException("connection closed in the middle of a response");
                }
            }
            return frame;
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
