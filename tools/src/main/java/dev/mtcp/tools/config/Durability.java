package dev.mtcp.tools.config;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** When a server acknowledges upstream bytes ({@code --durability}); architecture §4. */
public enum Durability {
    /** ACK once this server holds the bytes: survives live migration, not this server's crash. */
    ACK_ON_RECEIVE("ack-on-receive"),
    /** ACK once a backup holds the bytes: survives this server's crash (needs {@code --backup}). */
    ACK_ON_REPLICATE("ack-on-replicate");

    private final String label;

    Durability(String label) {
        this.label = label;
    }

    /** The name on the command line. */
    public String label() {
        return label;
    }

    /** Picocli converter. */
    public static final class Converter implements ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            return Arrays.stream(values()).filter(d -> d.label.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown durability '" + value + "': choose one of "
                            + Arrays.stream(values()).map(Durability::label).collect(Collectors.joining(", "))));
        }
    }

    /** Completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Durability::label).iterator();
        }
    }
}
