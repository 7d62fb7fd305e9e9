package dev.mtcp.server.replication;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.WireReader;
import dev.mtcp.protocol.frame.WireWriter;

/**
 * The plaintext of one REPLICATE: what changed in one connection's state since the previous delta
 * sent to the same backup. A {@code base} delta carries everything (the backup starts over from it);
 * the others carry a checkpoint when one happened and the log bytes appended since.
 *
 * <p>Each log is described by where it now starts (the origin trimmed it: checkpoint, client ACK)
 * and the bytes appended at {@code offset}. A backup first trims its copy to the start (starting an
 * empty log there when the start lies beyond what it holds: the snapshot or the client covers those
 * bytes), then appends, skipping any overlap. Apply order: checkpoint, input, output, flags.
 *
 * <pre>
 * u8 version=1 | i64 epoch | u8 flags (1 base, 2 checkpoint, 4 appDone, 8 ended, 16 hasSnapshot)
 * | bytes16 connectionKey (base only, else empty)
 * | [checkpoint: u32 len + snapshot | i64 inSnap | i64 outSnap]
 * | i64 inStart | i64 inOffset | u32 len + input
 * | i64 outStart | i64 outOffset | u32 len + output
 * | i64 upFin (-1 open) | i64 downFin (-1 open)
 * </pre>
 */
public record ReplicaDelta(long epoch, boolean base, byte[] connectionKey, boolean checkpoint, byte[] snapshot,
                           long inSnap, long outSnap, long inStart, long inOffset, byte[] input,
                           long outStart, long outOffset, byte[] output, long upFin, long downFin,
                           boolean appDone, boolean ended) {
    private static final int VERSION = 1;
    private static final int BASE = 1;
    private static final int CHECKPOINT = 2;
    private static final int APP_DONE = 4;
    private static final int ENDED = 8;
    private static final int HAS_SNAPSHOT = 16;

    /** Offset just past the input this delta carries. */
    public long inEnd() { return inOffset + input.length; }

    /** Offset just past the output this delta carries. */
    public long outEnd() { return outOffset + output.length; }

    /** The plaintext; written into an array of exactly its size (no trailing copy: deltas carry up to a MiB of log bytes). */
    public byte[] encode() {
        WireWriter w = new WireWriter(encodedSize());
        int flags = (base ? BASE : 0) | (checkpoint ? CHECKPOINT : 0) | (appDone ? APP_DONE : 0)
                | (ended ? ENDED : 0) | (snapshot != null ? HAS_SNAPSHOT : 0);
        w.u8(VERSION).i64(epoch).u8(flags).bytes16(base ? connectionKey : new byte[0]);
        if (checkpoint) {
            byte[] snap = snapshot == null ? new byte[0] : snapshot;
            w.u32(snap.length).raw(snap).i64(inSnap).i64(outSnap);
        }
        w.i64(inStart).i64(inOffset).u32(input.length).raw(input);
        w.i64(outStart).i64(outOffset).u32(output.length).raw(output);
        w.i64(upFin).i64(downFin);
        return w.size() == w.array().length ? w.array() : w.toByteArray();
    }

    private int encodedSize() {
        int fixed = 1 + 8 + 1 + 2 + (8 + 8 + 4) * 2 + 8 + 8;
        int key = base ? connectionKey.length : 0;
        int cp = checkpoint ? 4 + (snapshot == null ? 0 : snapshot.length) + 8 + 8 : 0;
        return fixed + key + cp + input.length + output.length;
    }

    public static ReplicaDelta decode(byte[] bytes) throws ProtocolException {
        WireReader r = new WireReader(bytes);
        int version = r.u8("delta version");
        if (version != VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "replication delta version " + version + " (this server reads " + VERSION + ")");
        }
        long epoch = r.i64("delta epoch");
        int flags = r.u8("delta flags");
        boolean base = (flags & BASE) != 0;
        byte[] kc = r.bytes16(base ? 32 : 0, base ? 32 : 0, "delta connection key");
        boolean checkpoint = (flags & CHECKPOINT) != 0;
        byte[] snapshot = null;
        long inSnap = 0;
        long outSnap = 0;
        if (checkpoint) {
            byte[] snap = r.raw(length(r, "delta snapshot length"), "delta snapshot");
            snapshot = (flags & HAS_SNAPSHOT) != 0 ? snap : null;
            inSnap = r.i64("delta inSnap");
            outSnap = r.i64("delta outSnap");
        }
        long inStart = r.i64("delta inStart");
        long inOffset = r.i64("delta inOffset");
        byte[] input = r.raw(length(r, "delta input length"), "delta input");
        long outStart = r.i64("delta outStart");
        long outOffset = r.i64("delta outOffset");
        byte[] output = r.raw(length(r, "delta output length"), "delta output");
        long upFin = r.i64("delta upFin");
        long downFin = r.i64("delta downFin");
        r.expectEnd("replication delta");
        return new ReplicaDelta(epoch, base, kc, checkpoint, snapshot, inSnap, outSnap, inStart, inOffset, input,
                outStart, outOffset, output, upFin, downFin, (flags & APP_DONE) != 0, (flags & ENDED) != 0);
    }

    private static int length(WireReader r, String field) throws ProtocolException {
        long n = r.u32(field);
        if (n > r.remaining()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, field + " " + n + " exceeds the delta size");
        }
        return (int) n;
    }
}
