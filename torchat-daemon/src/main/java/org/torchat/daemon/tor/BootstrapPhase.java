package org.torchat.daemon.tor;

import java.util.Map;

/**
 * One bootstrap status of tor, as {@code GETINFO status/bootstrap-phase} and the {@code STATUS_CLIENT BOOTSTRAP}
 * event report it: {@code NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY="Loading relay descriptors"}.
 * A {@code WARN} status also carries tor's warning and reason (why it is not making progress).
 *
 * @param progress 0..100; 100 means tor can build circuits
 * @param tag      tor's short name of the phase ({@code done} at 100)
 * @param summary  tor's human-readable description of the phase
 * @param warning  tor's warning text when the status was a {@code WARN}, else {@code null}
 */
public record BootstrapPhase(int progress, String tag, String summary, String warning) {
    public static final BootstrapPhase NONE = new BootstrapPhase(0, "starting", "Starting", null);

    public boolean done() {
        return progress >= 100;
    }

    /**
     * Parses the arguments of a bootstrap status ({@code NOTICE BOOTSTRAP PROGRESS=... TAG=... SUMMARY="..."}).
     *
     * @throws IllegalArgumentException when it is not a bootstrap status or has no valid {@code PROGRESS}
     */
    public static BootstrapPhase parse(String text) {
        ControlLine line = ControlLine.parse(text);
        if (line.positional().size() < 2 || !line.positional().get(1).equals("BOOTSTRAP")) {
            throw new IllegalArgumentException("not a bootstrap status: " + text);
        }
        Map<String, String> kv = line.keywords();
        int progress;
        try {
            progress = Integer.parseInt(kv.getOrDefault("PROGRESS", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bootstrap status without a valid PROGRESS: " + text);
        }
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("bootstrap progress out of range: " + text);
        }
        String severity = line.positional().get(0);
        String warning = null;
        if (severity.equals("WARN") || severity.equals("ERR")) {
            warning = kv.getOrDefault("WARNING", "unknown problem");
            if (kv.containsKey("REASON")) {
                warning += " (" + kv.get("REASON") + ")";
            }
        }
        return new BootstrapPhase(progress, kv.getOrDefault("TAG", "unknown"), kv.getOrDefault("SUMMARY", ""), warning);
    }

    @Override
    public String toString() {
        return progress + "% (" + tag + "): " + summary + (warning == null ? "" : "; warning: " + warning);
    }
}
