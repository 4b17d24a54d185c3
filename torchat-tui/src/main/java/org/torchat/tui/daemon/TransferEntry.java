package org.torchat.tui.daemon;

import java.util.Locale;
import java.util.Objects;

/**
 * One file transfer as TRANSFERS lists it: {@code offset} bytes of {@code size} are at the receiving end (ours when
 * {@code incoming}); {@code path} is where a received file was saved, on the daemon's machine; {@code error} why
 * the last attempt failed or the transfer ended.
 */
public record TransferEntry(
        String transferId,
        String peer,
        String name,
        boolean incoming,
        String state,
        long size,
        long offset,
        String path,
        String error) {
    /** How many characters of the id the client shows, and accepts in {@code /accept}. */
    public static final int SHORT_ID = 8;

    public TransferEntry {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    public int percent() {
        return size == 0
                ? ("complete".equals(state) || "delivered".equals(state) ? 100 : 0)
                : (int) (offset * 100 / size);
    }

    public String shortId() {
        return transferId.substring(0, Math.min(SHORT_ID, transferId.length()));
    }

    /** Nothing more happens to it. */
    public boolean finished() {
        return switch (state) {
            case "delivered", "complete", "failed", "rejected" -> true;
            default -> false;
        };
    }

    /** An incoming offer that waits for our answer. */
    public boolean awaitsAnswer() {
        return incoming && "offered".equals(state);
    }

    /** One line for people: direction, name, size, and where it stands (with a progress bar while moving). */
    public String display() {
        String head = "[file " + shortId() + "] " + (incoming ? "< " : "> ") + name + " (" + humanSize(size) + ")";
        return head + " " + progress();
    }

    private String progress() {
        return switch (state) {
            case "uploading" -> "uploading to the daemon";
            case "offered" ->
                incoming
                        ? "offered: /acceptfile " + shortId() + " or /rejectfile " + shortId()
                        : "offered" + (error == null ? "" : " (" + error + ")");
            case "sending", "receiving" -> bar(percent()) + " " + state + " " + percent() + "%";
            case "delivered" -> "delivered";
            case "complete" -> "saved to " + path;
            case "rejected" -> incoming ? "refused" : "REFUSED by the peer" + (error == null ? "" : ": " + error);
            case "failed" -> "FAILED" + (error == null ? "" : ": " + error);
            default -> state;
        };
    }

    /** {@code [#####-----]}: ten steps. */
    public static String bar(int percent) {
        int filled = Math.max(0, Math.min(10, percent / 10));
        return "[" + "#".repeat(filled) + "-".repeat(10 - filled) + "]";
    }

    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
