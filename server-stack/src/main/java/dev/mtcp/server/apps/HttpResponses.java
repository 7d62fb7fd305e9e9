package dev.mtcp.server.apps;

import java.nio.charset.StandardCharsets;

/** Response heads (and small bodies) of the HTTP app, byte-for-byte deterministic. */
final class HttpResponses {
    private HttpResponses() {
    }

    static byte[] fileHead(int status, String reason, String type, long start, long end, long size, boolean keepAlive) {
        StringBuilder h = new StringBuilder(256)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Server: mtcp\r\n")
                .append("Content-Type: ").append(type).append("\r\n")
                .append("Content-Length: ").append(end - start).append("\r\n")
                .append("Accept-Ranges: bytes\r\n");
        if (status == 206) h.append("Content-Range: bytes ").append(start).append('-').append(end - 1).append('/').append(size).append("\r\n");
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] simple(int status, String reason, String message, boolean keepAlive, boolean headOnly) {
        byte[] body = (status + " " + reason + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        String h = "HTTP/1.1 " + status + " " + reason + "\r\nServer: mtcp\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        return concat(h.getBytes(StandardCharsets.ISO_8859_1), headOnly ? new byte[0] : body);
    }

    static byte[] unsatisfiable(long size, boolean keepAlive, boolean headOnly) {
        String h = "HTTP/1.1 416 Range Not Satisfiable\r\nServer: mtcp\r\nContent-Range: bytes */" + size
                + "\r\nContent-Length: 0\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        return h.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] methodNotAllowed(boolean keepAlive) {
        byte[] body = "405 Method Not Allowed: only GET and HEAD\n".getBytes(StandardCharsets.UTF_8);
        String h = "HTTP/1.1 405 Method Not Allowed\r\nServer: mtcp\r\nAllow: GET, HEAD\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        return concat(h.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
