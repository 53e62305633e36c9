package io.spool.bench.sidebyside;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Asks a broker for its API versions over a raw socket (ApiVersions v0, the request every client
 * sends first) and says whether it answered without error: the start-up probe, no client library.
 */
final class ApiVersionsProbe {
    private static final short API_VERSIONS_KEY = 18;
    private static final byte[] CLIENT_ID = "spool-bench-probe".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final int timeoutMillis;

    ApiVersionsProbe(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    boolean answers(InetSocketAddress address) {
        int correlationId = 7;
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // Request header v1 (api key, version, correlation id, client id); the v0 body is empty.
            out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 6 || size > MAX_RESPONSE_BYTES) {
                return false;
            }
            byte[] response = new byte[size];
            in.readFully(response);
            ByteBuffer body = ByteBuffer.wrap(response);
            return body.getInt() == correlationId && body.getShort() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
