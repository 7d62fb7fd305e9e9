package dev.mtcp.tools.commands;

import dev.mtcp.tools.config.GroupKeyFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp keygen}: create the group key file all servers of a group share. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        header = "Create the group key file the servers of a group share.",
        description = "Create a group key file (32 random bytes as hex, mode 0600). Every server of a group is started "
                + "with the same file (--group-key): it authenticates peers and seals tickets and migrated "
                + "state.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp keygen --out group.key",
            "  mtcp keygen --out /etc/mtcp/group.key --force      # replace an existing key",
        })
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key (mode 0600).")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GroupKeyFile.create(out, force);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote group key " + out + " (mode 0600); give every server of the group the same file");
        stdout.flush();
        return 0;
    }
}
