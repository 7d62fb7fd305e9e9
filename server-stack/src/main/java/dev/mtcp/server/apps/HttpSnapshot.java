package dev.mtcp.server.apps;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The HTTP app's checkpoint: input bytes already read but not yet parsed (the next request's start),
 * and, while a body is being sent, which file, which range, how much of it is out, and whether the
 * connection stays open afterwards.
 *
 * @param body empty when idle between requests
 */
record HttpSnapshot(byte[] pending, Optional<Body> body) {
    record Body(String relativePath, long fileSize, long start, long end, long sent, boolean keepAlive) {
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + pending.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(pending.length);
            out.write(pending);
            out.writeBoolean(body.isPresent());
            if (body.isPresent()) {
                Body b = body.get();
                out.writeUTF(b.relativePath());
                out.writeLong(b.fileSize());
                out.writeLong(b.start());
                out.writeLong(b.end());
                out.writeLong(b.sent());
                out.writeBoolean(b.keepAlive());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Optional<HttpSnapshot> decode(byte[] snap) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snap))) {
            if (in.readByte() != 1) return Optional.empty();
            byte[] pending = in.readNBytes(in.readInt());
            Optional<Body> body = Optional.empty();
            if (in.readBoolean()) {
                body = Optional.of(new Body(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readBoolean()));
            }
            return Optional.of(new HttpSnapshot(pending, body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
