package dev.mtcp.client.relay;

import dev.mtcp.client.MigratorySocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** A {@link MigratorySocket} as a {@link Duplex}: the relay's upstream when a proxy opens a migratory connection. */
public final class MigratoryDuplex implements Duplex {

    private final MigratorySocket socket;
    private final String service;
    private final Runnable onClose;

    MigratoryDuplex(MigratorySocket socket, String service, Runnable onClose) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.service = Objects.requireNonNull(service, "service");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    public MigratorySocket socket() {
        return socket;
    }

    @Override
    public InputStream input() {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() {
        return socket.getOutputStream();
    }

    @Override
    public void shutdownOutput() {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } finally {
            onClose.run();
        }
    }

    /** {@code conn=ID service=NAME server=CURRENT} (the server at the time of the call). */
    @Override
    public String describe() {
        return "conn=" + socket.id().hex() + " service=" + service + " server=" + socket.status().server();
    }
}
