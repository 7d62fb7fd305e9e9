package dev.mtcp.tools.config;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The sample app a server runs ({@code --app}). */
public enum AppKind {
    /** Every upstream byte comes back, in order. */
    ECHO,
    /** {@code STREAM <length> <seed>\n} gets a deterministic byte sequence of that length. */
    STREAM,
    /** HTTP/1.1 static files from {@code --root}. */
    HTTP;

    /** The name on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Picocli converter: lower-case names, a clear list of choices on error. */
    public static final class Converter implements ITypeConverter<AppKind> {
        @Override
        public AppKind convert(String value) {
            return Arrays.stream(values()).filter(k -> k.label().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown app '" + value + "': choose one of "
                            + Arrays.stream(values()).map(AppKind::label).collect(Collectors.joining(", "))));
        }
    }

    /** Completion candidates and the {@code ${COMPLETION-CANDIDATES}} of the help. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(AppKind::label).iterator();
        }
    }
}
