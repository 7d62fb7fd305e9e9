package dev.mtcp.server.apps;

import java.util.Optional;

/** A single byte range {@code [start, end)} resolved against a file size (RFC 9110 §14). */
record HttpRange(long start, long end) {
    /** Outcome of a Range header: none/ignored (empty), a range, or unsatisfiable. */
    sealed interface Outcome {
        record Full() implements Outcome {
        }

        record Partial(HttpRange range) implements Outcome {
        }

        record Unsatisfiable() implements Outcome {
        }
    }

    static Outcome resolve(Optional<String> header, long size) {
        if (header.isEmpty()) return new Outcome.Full();
        String h = header.get().strip();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) return new Outcome.Full();   // multi-range: send it all
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Outcome.Full();
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                if (b.isEmpty()) return new Outcome.Full();
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) return new Outcome.Unsatisfiable();
                return new Outcome.Partial(new HttpRange(Math.max(0, size - suffix), size));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || last < first && !b.isEmpty()) return new Outcome.Full();   // invalid: ignore the header
            if (first >= size) return new Outcome.Unsatisfiable();
            return new Outcome.Partial(new HttpRange(first, Math.min(last, size - 1) + 1));
        } catch (NumberFormatException e) {
            return new Outcome.Full();
        }
    }
}
