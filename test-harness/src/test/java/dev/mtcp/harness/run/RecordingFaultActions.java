package dev.mtcp.harness.run;

import dev.mtcp.harness.scenario.LinkChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every action as "verb target"; fails the action named in {@code failing}, if any. */
final class RecordingFaultActions implements FaultActions, OperatorCommands {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final String failing;

    RecordingFaultActions(String failing) {
        this.failing = failing;
    }

    private void record(String call) {
        calls.add(call);
        if (call.equals(failing)) {
            throw new IllegalStateException(call + " went wrong");
        }
    }

    @Override
    public void degrade(String host, LinkChange change) {
        record("degrade " + host);
    }

    @Override
    public void reset(String host) {
        record("reset " + host);
    }

    @Override
    public void kill(String server) {
        record("kill " + server);
    }

    @Override
    public void stop(String server) {
        record("stop " + server);
    }

    @Override
    public void cont(String server) {
        record("cont " + server);
    }

    @Override
    public void cut(String host) {
        record("cut " + host);
    }

    @Override
    public void restore(String host) {
        record("restore " + host);
    }

    @Override
    public void drain(String server) {
        record("drain " + server);
    }

    @Override
    public void migrateAll(String server) {
        record("migrate " + server);
    }
}
