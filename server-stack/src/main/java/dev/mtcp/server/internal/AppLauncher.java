package dev.mtcp.server.internal;

import dev.mtcp.server.MigratoryApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the app's serve() for a session on its own virtual thread and reports when it returns. */
public final class AppLauncher {
    private static final Logger log = LoggerFactory.getLogger(AppLauncher.class);
    private final MigratoryApp app;

    public AppLauncher(MigratoryApp app) {
        this.app = app;
    }

    public void launch(ServerSession session) {
        if (session.appDone()) return;
        Thread.ofVirtual().name("mtcp-app-" + session.id().hex().substring(0, 8)).start(() -> {
            try {
                app.serve(new SessionConnection(session));
            } catch (Exception e) {
                if (session.phase() == ServerSession.Phase.ACTIVE) {
                    log.warn("conn={} app failed: {}", session.id(), e.toString());
                } else {
                    log.debug("conn={} app stopped: {}", session.id(), e.getMessage());
                }
            } finally {
                session.appFinished();
            }
        });
    }
}
