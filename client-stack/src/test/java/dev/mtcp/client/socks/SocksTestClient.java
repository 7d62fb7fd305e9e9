package dev.mtcp.client.socks;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-written SOCKS5 client for tests: each step sends exact bytes and reads the answer. */
final class SocksTestClient implements AutoCloseable {

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;

    SocksTestClient(InetSocketAddress proxy) throws IOException {
        socket = new Socket();
        socket.connect(proxy, 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a greeting with these methods; returns the chosen method (0xFF: none acceptable). */
    int greet(int... methods) throws IOException {
        byte[] b = new byte[2 + methods.length];
        b[0] = 5;
        b[1] = (byte) methods.length;
        for (int i = 0; i < methods.length; i++) {
            b[2 + i] = (byte) methods[i];
        }
        send(b);
        int version = in.readUnsignedByte();
        if (version != 5) {
            throw new IOException("method choice version " + version);
        }
        return in.readUnsignedByte();
    }

    /** RFC 1929; returns the status (0 = success). */
    int authenticate(String user, String password) throws IOException {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[3 + u.length + p.length];
        b[0] = 1;
        b[1] = (byte) u.length;
        System.arraycopy(u, 0, b, 2, u.length);
        b[2 + u.length] = (byte) p.length;
        System.arraycopy(p, 0, b, 3 + u.length, p.length);
        send(b);
        if (in.readUnsignedByte() != 1) {
            throw new IOException("auth status version is not 1");
        }
        return in.readUnsignedByte();
    }

    ReplyCode connectDomain(String host, int port) throws IOException {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[7 + h.length];
        b[0] = 5;
        b[1] = 1;
        b[3] = 3;
        b[4] = (byte) h.length;
        System.arraycopy(h, 0, b, 5, h.length);
        b[5 + h.length] = (byte) (port >>> 8);
        b[6 + h.length] = (byte) port;
        send(b);
        return readReply();
    }

    ReplyCode connectAddress(InetAddress address, int port) throws IOException {
        return request(1, address, port);
    }

    ReplyCode request(int command, InetAddress address, int port) throws IOException {
        byte[] a = address.getAddress();
        byte[] b = new byte[6 + a.length];
        b[0] = 5;
        b[1] = (byte) command;
        b[3] = (byte) (a.length == 4 ? 1 : 4);
        System.arraycopy(a, 0, b, 4, a.length);
        b[4 + a.length] = (byte) (port >>> 8);
        b[5 + a.length] = (byte) port;
        send(b);
        return readReply();
    }

    ReplyCode readReply() throws IOException {
        if (in.readUnsignedByte() != 5) {
            throw new IOException("reply version is not 5");
        }
        ReplyCode code = ReplyCode.fromWire(in.readUnsignedByte());
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int addressBytes = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("reply address type " + type);
        };
        in.readFully(new byte[addressBytes + 2]);
        return code;
    }

    void send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** True when the proxy closed the connection (end-of-stream or reset) before the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
