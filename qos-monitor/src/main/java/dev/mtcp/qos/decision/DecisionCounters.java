package dev.mtcp.qos.decision;

import java.util.EnumMap;
import java.util.Map;

/** How many decisions an engine took, by reason. An immutable snapshot. */
public record DecisionCounters(Map<Decision.Reason, Long> byReason) {
    public DecisionCounters {
        EnumMap<Decision.Reason, Long> full = new EnumMap<>(Decision.Reason.class);
        for (Decision.Reason r : Decision.Reason.values()) {
            full.put(r, byReason.getOrDefault(r, 0L));
        }
        byReason = Map.copyOf(full);
    }

    public long get(Decision.Reason reason) {
        return byReason.get(reason);
    }

    /** Migrations decided (triggered plus hinted). */
    public long migrations() {
        return get(Decision.Reason.TRIGGERED) + get(Decision.Reason.SERVER_HINT);
    }
}
