package dev.mtcp.client.internal;

import dev.mtcp.client.ConnectionObserver;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.session.SendBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The client's upstream half: the {@link SendBuffer} (every byte kept until a server ACKs it, cumulative
 * ACK validation, resend from a WELCOME's upDurable), the app's FIN, and the app writers' {@link FlowGate}
 * credit given back on ACK. Owner thread only, except {@link #published()}.
 */
final class UpstreamSender {
    private final SendBuffer buffer;
    private final FlowGate gate;
    private final List<ConnectionObserver> observers;
    private long fin = -1;
    private volatile long published;

    /** Bounded by the gate: its window plus the one write of at most a frame it lets through when empty. */
    UpstreamSender(int windowBytes, FlowGate gate, List<ConnectionObserver> observers) {
        this.buffer = new SendBuffer((long) windowBytes + Limits.MAX_DATA_BYTES);
        this.gate = gate;
        this.observers = observers;
    }

    /** An app write: kept, then sent on {@code carrier} (kept for the next carrier while there is none). */
    void write(byte[] bytes, Carrier carrier) {
        buffer.append(bytes);
        published += bytes.length;
        observers.forEach(o -> o.onUpstreamBytes(bytes.length));
        sendUnsent(carrier);
    }

    /** The app closed its output: FIN after every byte written (once). */
    void finish(Carrier carrier) {
        if (fin >= 0) return;
        fin = buffer.nextOffset();
        sendUnsent(carrier);
        if (carrier != null) carrier.send(new Fin(fin));
    }

    /**
     * A server ACK: releases the bytes below it and gives their credit back to the app writers.
     *
     * @throws ProtocolException when it is beyond the bytes ever written (a stale ACK changes nothing)
     */
    void ack(long offset) throws ProtocolException {
        long before = buffer.ackedOffset();
        buffer.ack(offset);
        long acked = buffer.ackedOffset() - before;
        gate.release(acked);
        if (acked > 0) observers.forEach(o -> o.onUpstreamAcked(acked));
    }

    /**
     * A WELCOME's upDurable: the next carrier resends from there, but every byte stays until an ACK says
     * it is durable (ack-on-replicate: the new server may hold bytes its backups do not, and a crash then
     * must not lose them).
     *
     * @return why upDurable is outside what the client holds (nothing changes then), or null
     */
    String resendFrom(long upDurable) {
        try {
            buffer.resendFrom(upDurable);
            return null;
        } catch (ProtocolException e) {
            return "up " + upDurable + " outside [" + buffer.ackedOffset() + "," + buffer.nextOffset() + "] ("
                    + e.getMessage() + ")";
        }
    }

    /** A new carrier after {@link #resendFrom}: every byte from there, then FIN if the app closed its output. */
    void resume(Carrier carrier) {
        sendUnsent(carrier);
        if (fin >= 0) carrier.send(new Fin(fin));
    }

    /** Bytes written and not yet ACKed. */
    long unacked() {
        return buffer.bufferedBytes();
    }

    /** Bytes the app wrote, for status() from any thread. */
    long published() {
        return published;
    }

    private void sendUnsent(Carrier carrier) {
        if (carrier == null) return;
        Optional<Data> d;
        while ((d = buffer.nextData(Limits.MAX_DATA_BYTES)).isPresent()) carrier.send(d.get());
    }
}
