package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.WireReader;
import dev.mtcp.protocol.frame.WireWriter;

/**
 * One REPLICATE payload (sealed with the group key): what changed in a connection's state since the
 * previous delta to the same backup, or all of it ({@code full}). Appends are at explicit offsets so
 * a backup can check it missed nothing.
 *
 * <pre>
 * u8 version=1 | i64 epoch | bytes16 kc | u8 flags (1 full, 2 snapshot, 4 appDone)
 * | [u32 len + snapshot] | i64 inSnap | i64 outSnap | i64 upFin | i64 downFin | i64 producedEnd
 * | i64 inOffset | u32 len + inBytes | i64 outStart | i64 outOffset | u32 len + outBytes
 * </pre>
 *
 * @param inBytes  upstream bytes at {@code inOffset} (for a full delta: the whole log from inSnap)
 * @param outBytes downstream bytes the app cannot regenerate, at {@code outOffset} (full: log from outStart)
 */
record ReplicaDelta(long epoch, byte[] connectionKey, boolean full, byte[] snapshot, boolean appDone,
                    long inSnap, long outSnap, long upFin, long downFin, long producedEnd,
                    long inOffset, byte[] inBytes, long outStart, long outOffset, byte[] outBytes) {
    private static final int VERSION = 1;

    byte[] encode() {
        WireWriter w = new WireWriter(128 + inBytes.length + outBytes.length + (snapshot == null ? 0 : snapshot.length));
        int flags = (full ? 1 : 0) | (snapshot != null ? 2 : 0) | (appDone ? 4 : 0);
        w.u8(VERSION).i64(epoch).bytes16(connectionKey).u8(flags);
        if (snapshot != null) w.u32(snapshot.length).raw(snapshot);
        w.i64(inSnap).i64(outSnap).i64(upFin).i64(downFin).i64(producedEnd);
        w.i64(inOffset).u32(inBytes.length).raw(inBytes);
        w.i64(outStart).i64(outOffset).u32(outBytes.length).raw(outBytes);
        return w.toByteArray();
    }

    static ReplicaDelta decode(byte[] b) throws ProtocolException {
        WireReader r = new WireReader(b);
        if (r.u8("delta version") != VERSION) throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "replica delta version");
        long epoch = r.i64("epoch");
        byte[] kc = r.bytes16(32, 32, "kc");
        int flags = r.u8("flags");
        byte[] snap = (flags & 2) != 0 ? r.raw(len(r, "snapshot"), "snapshot") : null;
        long inSnap = r.i64("inSnap");
        long outSnap = r.i64("outSnap");
        long upFin = r.i64("upFin");
        long downFin = r.i64("downFin");
        long producedEnd = r.i64("producedEnd");
        long inOffset = r.i64("inOffset");
        byte[] in = r.raw(len(r, "in"), "in");
        long outStart = r.i64("outStart");
        long outOffset = r.i64("outOffset");
        byte[] out = r.raw(len(r, "out"), "out");
        r.expectEnd("replica delta");
        return new ReplicaDelta(epoch, kc, (flags & 1) != 0, snap, (flags & 4) != 0, inSnap, outSnap, upFin, downFin,
                producedEnd, inOffset, in, outStart, outOffset, out);
    }

    private static int len(WireReader r, String f) throws ProtocolException {
        long n = r.u32(f);
        if (n > r.remaining()) throw new ProtocolException(ErrorCode.BAD_FIELD, f + " length " + n + " exceeds the delta");
        return (int) n;
    }
}
