package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads frames. The header is checked (type, flags, length against the type's maximum and this
 * reader's cap) before any payload byte is read or allocated; payloads above the DATA maximum (only
 * STATE and REPLICATE) are read into a buffer that doubles as bytes arrive, so memory follows the bytes actually received, not the declared length.
 * Single-threaded; the header buffer is reused.
 */
public final class FrameReader {
    private static final int DIRECT_ALLOCATION_BYTES = Limits.MAX_DATA_PAYLOAD_BYTES;

    private final InputStream in;
    private final int maxPayloadBytes;
    private final byte[] header = new byte[Limits.HEADER_BYTES];
    private final byte[] offsetBuf = new byte[8];

    /** A reader accepting every type up to its own maximum (STATE and REPLICATE up to 64 MiB). */
    public FrameReader(InputStream in) {
        this(in, Limits.MAX_STATE_BYTES);
    }

    /**
     * A reader that additionally caps every payload at {@code maxPayloadBytes}: a client channel that is
     * not yet authenticated as a peer should pass {@link Limits#MAX_DATA_PAYLOAD_BYTES}.
     */
    public FrameReader(InputStream in, int maxPayloadBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 0");
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Reads the next frame, blocking.
     *
     * @return the frame, or {@code null} when the stream ends cleanly at a frame boundary
     * @throws EOFException      when the stream ends inside a frame
     * @throws ProtocolException when the frame breaks the protocol (nothing after the header is read
     *                           when the header itself is invalid)
     */
    public Frame read() throws IOException, ProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, Limits.HEADER_BYTES - 1);
        long length = FrameHeader.length(header);
        FrameType type = FrameHeader.check(header[0] & 0xFF, header[1] & 0xFF, length, maxPayloadBytes);
        int len = (int) length;
        if (type == FrameType.DATA) {
            return readData(len);
        }
        byte[] payload = len <= DIRECT_ALLOCATION_BYTES ? readFully(new byte[len], 0, len) : readLarge(len);
        return FrameDecoder.decode(type, payload, 0, len);
    }

    private Frame readData(int len) throws IOException, ProtocolException {
        if (len < 8) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "DATA payload of " + len + " bytes has no offset");
        }
        readFully(offsetBuf, 0, 8);
        long offset = ((long) WireReader.getInt(offsetBuf, 0) << 32) | (WireReader.getInt(offsetBuf, 4) & 0xFFFF_FFFFL);
        if (offset < 0) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "DATA offset is negative: " + offset);
        }
        byte[] bytes = readFully(new byte[len - 8], 0, len - 8);
        try {
            return new Data(offset, bytes);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "DATA: " + e.getMessage());
        }
    }

    private byte[] readLarge(int len) throws IOException {
        byte[] buf = new byte[DIRECT_ALLOCATION_BYTES];
        int done = 0;
        while (done < len) {
            if (done == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(len, 2L * buf.length));
            }
            int n = in.read(buf, done, Math.min(buf.length, len) - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame payload after " + done + " of " + len + " bytes");
            }
            done += n;
        }
        return buf;
    }

    private byte[] readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame (" + done + " of " + len + " bytes read)");
            }
            done += n;
        }
        return b;
    }

    /**
     * Decodes one frame from {@code buf} if it holds a whole one. Consumes nothing and returns empty when
     * the frame is incomplete; on success advances the position past the frame. An invalid header is
     * reported as soon as its 6 bytes are present.
     */
    public static Optional<Frame> tryDecode(ByteBuffer buf) throws ProtocolException {
        return tryDecode(buf, Limits.MAX_STATE_BYTES);
    }

    /** {@link #tryDecode(ByteBuffer)} with an extra cap on every payload. */
    public static Optional<Frame> tryDecode(ByteBuffer buf, int maxPayloadBytes) throws ProtocolException {
        int start = buf.position();
        if (buf.remaining() < Limits.HEADER_BYTES) {
            return Optional.empty();
        }
        long length = buf.getInt(start + FrameHeader.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        FrameType type = FrameHeader.check(buf.get(start) & 0xFF, buf.get(start + 1) & 0xFF, length, maxPayloadBytes);
        int len = (int) length;
        if (buf.remaining() - Limits.HEADER_BYTES < len) {
            return Optional.empty();
        }
        int payloadStart = start + Limits.HEADER_BYTES;
        Frame f;
        if (buf.hasArray()) {
            f = FrameDecoder.decode(type, buf.array(), buf.arrayOffset() + payloadStart, len);
        } else {
            byte[] payload = new byte[len];
            buf.get(payloadStart, payload);
            f = FrameDecoder.decode(type, payload, 0, len);
        }
        buf.position(payloadStart + len);
        return Optional.of(f);
    }
}
