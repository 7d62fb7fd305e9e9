package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.WireReader;
import dev.mtcp.protocol.frame.WireWriter;
import java.util.Optional;

/**
 * Everything a connection needs to resume on another server (design §4): the app's last snapshot
 * with the offsets it covers, the input log after {@code inSnap}, the part of the output log the
 * resumed app will not regenerate (from what the client delivered up to {@code outSnap}; all of it
 * when the app has finished), the half-close offsets, and the connection key. Sent sealed in STATE.
 * The snapshot may be older than the app's latest (same {@code inSnap}, {@code outSnap} at or below
 * {@code outStart}): the output log is then empty and the resumed app regenerates from there.
 *
 * <pre>
 * u8 version=1 | id(16) | i64 epoch | bytes16 kc | u8 hasSnapshot | u32 len + snapshot
 * | i64 inSnap | i64 outSnap | u32 len + inputLog (starts at inSnap) | i64 upFin (-1 = open)
 * | i64 outStart | u32 len + outputLog | i64 producedEnd | i64 downFin (-1 = open) | u8 appDone
 * </pre>
 *
 * @param snapshot   the app's last exported snapshot, or null when it never checkpointed
 * @param inputLog   upstream bytes {@code [inSnap, inSnap + inputLog.length)}
 * @param outputLog  downstream bytes {@code [outStart, outStart + outputLog.length)}
 * @param upFin      upstream end offset when the client half-closed, else -1
 * @param producedEnd downstream bytes the origin had produced (the client may hold and ACK up to here)
 * @param downFin    downstream end offset when the app closed its output, else -1
 * @param appDone    the app's serve() already returned: the destination only drains the output log
 */
public record MigratableState(ConnectionId id, long epoch, byte[] connectionKey, byte[] snapshot,
                             long inSnap, long outSnap, byte[] inputLog, long upFin,
                             long outStart, byte[] outputLog, long producedEnd, long downFin, boolean appDone) {
    private static final int VERSION = 1;

    public Optional<byte[]> snapshotIfAny() {
        return Optional.ofNullable(snapshot);
    }

    public long inEnd() { return inSnap + inputLog.length; }
    public long outEnd() { return outStart + outputLog.length; }

    public byte[] encode() {
        int size = 128 + connectionKey.length + inputLog.length + outputLog.length
                + (snapshot == null ? 0 : snapshot.length);
        WireWriter w = new WireWriter(size);
        w.u8(VERSION).id(id).i64(epoch).bytes16(connectionKey);
        w.u8(snapshot == null ? 0 : 1);
        byte[] snap = snapshot == null ? new byte[0] : snapshot;
        w.u32(snap.length).raw(snap);
        w.i64(inSnap).i64(outSnap);
        w.u32(inputLog.length).raw(inputLog).i64(upFin);
        w.i64(outStart).u32(outputLog.length).raw(outputLog).i64(producedEnd).i64(downFin);
        w.u8(appDone ? 1 : 0);
        return w.toByteArray();
    }

    public static MigratableState decode(byte[] bytes) throws ProtocolException {
        WireReader r = new WireReader(bytes);
        int version = r.u8("state version");
        if (version != VERSION) {
            throw new ProtocolException(dev.mtcp.protocol.ErrorCode.UNSUPPORTED_VERSION,
                    "connection state version " + version + " (this server reads " + VERSION + ")");
        }
        ConnectionId id = r.id("state id");
        long epoch = r.i64("state epoch");
        byte[] kc = r.bytes16(32, 32, "state key");
        boolean hasSnap = r.u8("state hasSnapshot") == 1;
        byte[] snap = r.raw(len(r, "snapshot length"), "snapshot");
        long inSnap = r.i64("inSnap");
        long outSnap = r.i64("outSnap");
        byte[] in = r.raw(len(r, "input log length"), "input log");
        long upFin = r.i64("upFin");
        long outStart = r.i64("outStart");
        byte[] out = r.raw(len(r, "output log length"), "output log");
        long producedEnd = r.i64("producedEnd");
        long downFin = r.i64("downFin");
        boolean appDone = r.u8("appDone") == 1;
        r.expectEnd("connection state");
        return new MigratableState(id, epoch, kc, hasSnap ? snap : null, inSnap, outSnap, in, upFin,
                outStart, out, producedEnd, downFin, appDone);
    }

    private static int len(WireReader r, String field) throws ProtocolException {
        long n = r.u32(field);
        if (n > r.remaining()) {
            throw new ProtocolException(dev.mtcp.protocol.ErrorCode.BAD_FIELD, field + " " + n + " exceeds the state size");
        }
        return (int) n;
    }
}
