package org.torchat.daemon.peer;

/**
 * Who a peer frame comes from, as far as we can tell, which decides whose budget it spends (docs/SECURITY.md,
 * "Hostile peers"). Only the first class is authenticated; the others are whatever the frame claims.
 */
public enum TrafficClass {
    /** A contact, and the frame carries its signature (checked before any of its budget is spent). */
    CONTACT("contact"),
    /** A contact that has never signed (the original C daemon); anyone could be writing in its name. */
    UNSIGNED_CONTACT("unsigned contact"),
    /** Anyone else, signed or not, and blocked addresses. */
    STRANGER("stranger");

    private final String label;

    TrafficClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
