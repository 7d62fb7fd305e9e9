package dev.mtcp.harness.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's smoothed RTT of one carrier (a TCP connection from the proxy to a server), as
 * {@code ss -tin} reports it in the client namespace.
 *
 * @param server    the server at the far end
 * @param localPort the carrier's local port (tells carriers apart)
 */
public record CarrierRtt(String server, int localPort, double rttMillis) {
    private static final Pattern RTT = Pattern.compile("\\brtt:([0-9.]+)/");

    /**
     * Parses {@code ss -tinH} output: a socket line ({@code Recv-Q Send-Q LOCAL PEER}) followed by
     * an indented info line. Only sockets whose peer is one of {@code servers} (address:port → id) count.
     */
    public static List<CarrierRtt> parse(String ssOutput, Map<String, String> servers) {
        List<CarrierRtt> carriers = new ArrayList<>();
        String server = null;
        int localPort = -1;
        for (String line : ssOutput.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                String[] f = line.trim().split("\\s+");
                server = null;
                if (f.length >= 4) {
                    String peer = f[f.length - 1].replace("[", "").replace("]", "");
                    server = servers.get(peer);
                    String local = f[f.length - 2];
                    localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
                }
            } else if (server != null) {
                Matcher m = RTT.matcher(line);
                if (m.find()) {
                    carriers.add(new CarrierRtt(server, localPort, Double.parseDouble(m.group(1))));
                }
                server = null;
            }
        }
        return carriers;
    }
}
