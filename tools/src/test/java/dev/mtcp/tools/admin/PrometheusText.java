package dev.mtcp.tools.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, TYPE, blank or sample line; a sample's family must have been TYPEd; values are floats.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)\\})? "
                    + "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            Matcher m;
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            } else if ((m = TYPE.matcher(line)).matches()) {
                parsed.types.put(m.group(1), m.group(2));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                String name = m.group(1);
                if (parsed.family(name).isEmpty()) {
                    throw new IllegalArgumentException("line " + lineNo + ": sample of untyped family: " + line);
                }
                parsed.samples.add(new Sample(name, labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
            } else {
                throw new IllegalArgumentException("line " + lineNo + " is not Prometheus text format: " + line);
            }
        }
        return parsed;
    }

    private Optional<String> family(String sampleName) {
        for (String suffix : List.of("", "_total", "_bucket", "_count", "_sum", "_created", "_max")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(base) || types.containsKey(sampleName)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    /** The value of the one sample with this name and these labels (a subset match). */
    double value(String name, Map<String, String> labels) {
        List<Sample> matches = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one sample " + name + labels + ", found " + matches);
        }
        return matches.getFirst().value();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
