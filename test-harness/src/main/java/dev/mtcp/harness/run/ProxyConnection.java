package dev.mtcp.harness.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One connection as the proxy's admin API lists it ({@code GET /connections}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProxyConnection(String id, String server, long epoch, long migrations, long bytesUp, long bytesDown,
        String state) {
}
