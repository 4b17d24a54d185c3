package org.torchat.tui.ui;

import java.util.Map;

/**
 * How the interactive client looks and announces messages, from its command line and environment: the colour
 * {@link Theme}, when to ring the terminal bell, and whether the terminal's title shows the unread total.
 */
public record ClientSettings(Theme theme, Bell bell, boolean title) {
    /** When a message for a peer that is not open rings the bell (which also sets tmux's and screen's flag). */
    public enum Bell {
        ON,
        OFF,
        CONTACTS;

        boolean rings(boolean fromContact) {
            return this == ON || this == CONTACTS && fromContact;
        }
    }

    /** Colour, a bell for every message to a peer that is not open, the title left alone. */
    public static ClientSettings defaults() {
        return new ClientSettings(Theme.colour(), Bell.ON, false);
    }

    /** From the command line's words ({@code auto|always|never}, {@code on|off|contacts}) and the environment. */
    public static ClientSettings of(String color, String bell, boolean title, Map<String, String> env) {
        Theme.ColorChoice choice = Theme.ColorChoice.valueOf(color.toUpperCase(java.util.Locale.ROOT));
        return new ClientSettings(
                Theme.choose(choice, env), Bell.valueOf(bell.toUpperCase(java.util.Locale.ROOT)), title);
    }
}
