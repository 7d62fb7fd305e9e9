package dev.mtcp.harness.run;

/** The admin-API side of the timeline (drain, operator migration), provided by the scenario runner. */
public interface OperatorCommands {
    void drain(String server);

    void migrateAll(String server);
}
