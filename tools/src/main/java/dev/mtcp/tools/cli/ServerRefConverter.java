package dev.mtcp.tools.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converter for {@code ID=HOST:PORT} options. */
public final class ServerRefConverter implements ITypeConverter<ServerRef> {
    @Override
    public ServerRef convert(String value) {
        try {
            return ServerRef.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
