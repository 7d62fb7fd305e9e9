package dev.mtcp.client.socks;

import dev.mtcp.client.config.SocksUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The server side of a SOCKS5 handshake on one client socket: method selection (RFC 1928 §3),
 * username/password (RFC 1929), the request (RFC 1928 §4) and the reply (§6). Each step either
 * returns or writes the reply the RFC calls for and throws {@link SocksRefusal} saying what was wrong.
 *
 * <pre>
 * greeting   +----+----------+----------+      method   +----+--------+
 *            |VER | NMETHODS | METHODS  |      choice   |VER | METHOD |
 *            | 5  |  1..255  | 1..255 B |               | 5  | 0|2|FF |
 * auth       +----+------+------+------+----------+     +----+--------+
 *            |VER | ULEN |UNAME | PLEN | PASSWD   |     status: |VER=1|STATUS (0 = ok)|
 * request    +----+-----+-------+------+----------+----------+
 *            |VER | CMD |  RSV  | ATYP | DST.ADDR | DST.PORT |
 * reply      |VER | REP |  RSV  | ATYP | BND.ADDR | BND.PORT |
 * </pre>
 */
final class Socks5Handshake {

    static final int VERSION = 0x05;
    static final int METHOD_NO_AUTH = 0x00;
    static final int METHOD_USERNAME_PASSWORD = 0x02;
    static final int METHOD_NONE_ACCEPTABLE = 0xFF;
    static final int AUTH_VERSION = 0x01;
    static final int CMD_CONNECT = 0x01;

    private final HandshakeReader in;
    private final OutputStream out;

    Socks5Handshake(Socket socket, long timeoutMillis) throws IOException {
        this.in = new HandshakeReader(socket, timeoutMillis);
        this.out = socket.getOutputStream();
    }

    /** Reads the greeting, picks a method, and authenticates when users are configured. */
    void negotiate(List<SocksUser> users) throws IOException, SocksRefusal {
        int version = in.readByte("greeting");
        if (version != VERSION) {
            throw new SocksRefusal("greeting has version " + version + ", not 5: the client does not speak SOCKS5"
                    + (version == 4 ? " (it speaks SOCKS4; use socks5 or socks5h in the client)" : ""));
        }
        int count = in.readByte("greeting");
        if (count == 0) {
            throw new SocksRefusal("greeting offers no authentication method (NMETHODS = 0)");
        }
        byte[] methods = in.readFully(count, "greeting");
        int wanted = users.isEmpty() ? METHOD_NO_AUTH : METHOD_USERNAME_PASSWORD;
        if (!contains(methods, wanted)) {
            write(new byte[] {VERSION, (byte) METHOD_NONE_ACCEPTABLE});
            throw new SocksRefusal("client offers methods [" + HexFormat.ofDelimiter(",").formatHex(methods)
                    + "] but this listener requires " + (users.isEmpty() ? "00 (no authentication)"
                    : "02 (username/password)"));
        }
        write(new byte[] {VERSION, (byte) wanted});
        if (wanted == METHOD_USERNAME_PASSWORD) {
            authenticate(users);
        }
    }

    private void authenticate(List<SocksUser> users) throws IOException, SocksRefusal {
        int version = in.readByte("username/password request");
        if (version != AUTH_VERSION) {
            throw new SocksRefusal("username/password request has version " + version + ", not 1 (RFC 1929)");
        }
        byte[] name = in.readFully(in.readByte("username/password request"), "username/password request");
        byte[] password = in.readFully(in.readByte("username/password request"), "username/password request");
        boolean ok = false;
        for (SocksUser u : users) {
            ok |= u.matches(name, password);
        }
        write(new byte[] {AUTH_VERSION, (byte) (ok ? 0x00 : 0x01)});
        if (!ok) {
            throw new SocksRefusal("wrong username or password for user '"
                    + new String(name, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** Reads a CONNECT request; other commands and unknown address types get their reply and a refusal. */
    SocksDestination readRequest() throws IOException, SocksRefusal {
        byte[] head = in.readFully(4, "request");
        if (head[0] != VERSION) {
            throw new SocksRefusal("request has version " + (head[0] & 0xff) + ", not 5");
        }
        int command = head[1] & 0xff;
        if (command != CMD_CONNECT) {
            reply(ReplyCode.COMMAND_NOT_SUPPORTED, null);
            throw new SocksRefusal("command " + command + " (" + commandName(command) + ") is not supported: only"
                    + " CONNECT (1)");
        }
        int type = head[3] & 0xff;
        String host = switch (type) {
            case SocksDestination.IPV4 -> InetAddress.getByAddress(in.readFully(4, "request")).getHostAddress();
            case SocksDestination.IPV6 -> InetAddress.getByAddress(in.readFully(16, "request")).getHostAddress();
            case SocksDestination.DOMAIN -> domain();
            default -> {
                reply(ReplyCode.ADDRESS_TYPE_NOT_SUPPORTED, null);
                throw new SocksRefusal("address type " + type + " is not supported: only 1 (IPv4), 3 (domain), 4 (IPv6)");
            }
        };
        int port = in.readPort("request");
        in.finish();
        return new SocksDestination(host, port, type);
    }

    private String domain() throws IOException, SocksRefusal {
        int length = in.readByte("request");
        if (length == 0) {
            reply(ReplyCode.GENERAL_FAILURE, null);
            throw new SocksRefusal("request has an empty domain name");
        }
        byte[] name = in.readFully(length, "request");
        for (byte b : name) {
            if (b <= 0x20 || b == 0x7f) {
                in.readPort("request");
                reply(ReplyCode.GENERAL_FAILURE, null);
                throw new SocksRefusal("request's domain name contains a control character or space");
            }
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    /** Writes the reply; {@code bound} null means 0.0.0.0:0. */
    void reply(ReplyCode code, InetSocketAddress bound) throws IOException {
        InetAddress addr = bound == null || bound.getAddress() == null ? null : bound.getAddress();
        byte[] ip = addr instanceof Inet6Address ? addr.getAddress()
                : addr instanceof Inet4Address ? addr.getAddress() : new byte[4];
        int port = bound == null ? 0 : bound.getPort();
        byte[] msg = new byte[6 + ip.length];
        msg[0] = VERSION;
        msg[1] = (byte) code.wireValue();
        msg[3] = (byte) (ip.length == 16 ? SocksDestination.IPV6 : SocksDestination.IPV4);
        System.arraycopy(ip, 0, msg, 4, ip.length);
        msg[4 + ip.length] = (byte) (port >>> 8);
        msg[5 + ip.length] = (byte) port;
        write(msg);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static boolean contains(byte[] methods, int wanted) {
        for (byte m : methods) {
            if ((m & 0xff) == wanted) {
                return true;
            }
        }
        return false;
    }

    private static String commandName(int command) {
        return switch (command) {
            case 0x02 -> "BIND";
            case 0x03 -> "UDP ASSOCIATE";
            default -> "unknown";
        };
    }
}
