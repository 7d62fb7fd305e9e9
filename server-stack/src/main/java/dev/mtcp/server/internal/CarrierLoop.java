package dev.mtcp.server.internal;

import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Close;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.Ping;
import dev.mtcp.protocol.frame.Pong;
import java.io.IOException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a client carrier attached to a session and hands each frame to the session. */
public final class CarrierLoop {
    private static final Logger log = LoggerFactory.getLogger(CarrierLoop.class);

    private CarrierLoop() {
    }

    public static void run(ServerSession session, Carrier carrier, IntSupplier loadPermille, StatsCounters stats) {
        try {
            while (true) {
                session.awaitInputRoom(carrier);
                Frame f = carrier.read();
                switch (f) {
                    case null -> {
                        session.onCarrierLost(carrier, "EOF without CLOSE");
                        return;
                    }
                    case Data d -> session.onData(carrier, d);
                    case Ack a -> session.onAck(carrier, a.offset());
                    case Fin fin -> session.onFin(carrier, fin.endOffset());
                    case Ping p -> carrier.send(new Pong(p.id(), p.sendTimeNanos(), loadPermille.getAsInt(), session.view().downProduced()));
                    case Close c -> {
                        session.onClientClose(carrier);
                        carrier.close();
                        return;
                    }
                    default -> throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                            "unexpected " + f.type() + " from the client");
                }
            }
        } catch (ProtocolException e) {
            stats.carrierProtocolErrors.increment();
            log.warn("conn={} protocol error on carrier {}: {}", session.id(), carrier.label(), e.getMessage());
            carrier.sendAndClose(new Close(e.code(), e.getMessage()));
            session.onCarrierLost(carrier, e.getMessage());
        } catch (IOException e) {
            session.onCarrierLost(carrier, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.onCarrierLost(carrier, "interrupted");
        }
    }
}
