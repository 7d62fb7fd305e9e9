package dev.mtcp.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads a {@link BenchReport} as JSON (Jackson). NaN values of skipped rows are written as strings. */
public final class JsonReportWriter {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public void write(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), report);
    }

    public String toJson(BenchReport report) throws IOException {
        return mapper.writeValueAsString(report);
    }

    public BenchReport read(Path file) throws IOException {
        return mapper.readValue(file.toFile(), BenchReport.class);
    }
}
