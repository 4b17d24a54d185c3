package org.torchat.daemon.tor;

/**
 * An {@code HS_DESC} event (control-spec 4.1.25), e.g. {@code UPLOADED <service id> UNKNOWN $<fp>~<nick>}: tor stored
 * our descriptor on that HSDir, so clients can now find the service. {@code FAILED} carries a {@code REASON}.
 *
 * @param action    REQUESTED, UPLOAD, RECEIVED, UPLOADED, IGNORE, FAILED, CREATED
 * @param serviceId the onion service id (56 characters, no {@code .onion}), or {@code UNKNOWN}
 * @param hsDir     the HSDir, or {@code UNKNOWN}
 * @param reason    the {@code REASON} of a failure, else {@code null}
 */
record HsDescEvent(String action, String serviceId, String hsDir, String reason) {

    static HsDescEvent parse(String text) {
        ControlLine line = ControlLine.parse(text);
        if (line.positional().size() < 2) {
            throw new IllegalArgumentException("HS_DESC event too short: " + text);
        }
        String hsDir = line.positional().size() > 3 ? line.positional().get(3) : "UNKNOWN";
        return new HsDescEvent(
                line.positional().get(0),
                line.positional().get(1),
                hsDir,
                line.keywords().get("REASON"));
    }

    boolean uploaded() {
        return action.equals("UPLOADED");
    }

    boolean failed() {
        return action.equals("FAILED");
    }
}
