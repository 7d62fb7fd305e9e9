package dev.mtcp.tools.config;

import dev.mtcp.server.Durability;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code --durability} spells the server's {@link Durability} modes: {@code ack-on-receive}, {@code ack-on-replicate}. */
public final class DurabilityOption {
    private DurabilityOption() {}

    /** The name on the command line, e.g. {@code ack-on-replicate}. */
    public static String label(Durability mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Picocli converter: a label to its mode, or an error that lists the labels. */
    public static final class Converter implements ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            return Arrays.stream(Durability.values()).filter(d -> label(d).equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown durability '" + value + "': choose one of "
                            + Arrays.stream(Durability.values()).map(DurabilityOption::label)
                                    .collect(Collectors.joining(", "))));
        }
    }

    /** Completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Durability.values()).map(DurabilityOption::label).iterator();
        }
    }
}
