package org.torchat.tui.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * Every colour of the client, in one place: the drawing code asks for a {@link Role}'s {@link Style}. Two themes:
 * colour, in the spirit of the original client (bold, coloured peer names) and of WeeChat and irssi (dim times,
 * coloured delivery marks), and monochrome, which keeps only bold and reverse video, for NO_COLOR, TERM=dumb,
 * monochrome terminals and {@code --color=never}. Only the 8 basic ANSI colours are used, so that the user's
 * terminal palette decides the exact shades.
 */
final class Theme {
    /** What one role looks like. */
    record Style(TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
        Style {
            modifiers = modifiers.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(modifiers);
        }

        static Style of(TextColor foreground, SGR... modifiers) {
            EnumSet<SGR> set = EnumSet.noneOf(SGR.class);
            set.addAll(java.util.List.of(modifiers));
            return new Style(foreground, TextColor.ANSI.DEFAULT, set);
        }
    }

    /** When to use colour: {@code auto} looks at NO_COLOR and TERM. */
    enum ColorChoice {
        AUTO,
        ALWAYS,
        NEVER
    }

    private final Map<Role, Style> styles;
    private final boolean colour;

    private Theme(Map<Role, Style> styles, boolean colour) {
        this.styles = styles;
        this.colour = colour;
    }

    Style style(Role role) {
        return styles.getOrDefault(role, styles.get(Role.PLAIN));
    }

    boolean hasColour() {
        return colour;
    }

    /**
     * The theme for this terminal: monochrome when asked ({@code NEVER}), or, with {@code AUTO}, when NO_COLOR is set
     * to anything non-empty (no-color.org), TERM is unset or dumb, or TERM names a monochrome terminal.
     */
    static Theme choose(ColorChoice choice, Map<String, String> env) {
        if (choice == ColorChoice.ALWAYS) {
            return colour();
        }
        if (choice == ColorChoice.NEVER) {
            return monochrome();
        }
        String noColor = env.get("NO_COLOR");
        String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
        boolean mono = noColor != null && !noColor.isEmpty()
                || term.isEmpty()
                || term.equals("dumb")
                || term.endsWith("-m")
                || term.contains("mono")
                || term.startsWith("vt100")
                || term.startsWith("vt220");
        return mono ? monochrome() : colour();
    }

    static Theme colour() {
        Map<Role, Style> m = new EnumMap<>(Role.class);
        m.put(Role.PLAIN, Style.of(TextColor.ANSI.DEFAULT));
        m.put(Role.PEER, Style.of(TextColor.ANSI.CYAN, SGR.BOLD));
        m.put(Role.CURRENT_PEER, Style.of(TextColor.ANSI.CYAN, SGR.BOLD, SGR.REVERSE));
        m.put(Role.SELECTED_PEER, Style.of(TextColor.ANSI.YELLOW, SGR.BOLD, SGR.REVERSE));
        m.put(Role.UNREAD, Style.of(TextColor.ANSI.YELLOW, SGR.BOLD));
        m.put(Role.ADDRESS, Style.of(TextColor.ANSI.GREEN, SGR.BOLD));
        m.put(Role.FRAME, Style.of(TextColor.ANSI.BLUE));
        m.put(Role.REQUEST, Style.of(TextColor.ANSI.MAGENTA, SGR.BOLD));
        m.put(Role.REQUEST_TEXT, Style.of(TextColor.ANSI.MAGENTA));
        m.put(Role.STATUS, new Style(TextColor.ANSI.WHITE, TextColor.ANSI.BLUE, EnumSet.noneOf(SGR.class)));
        m.put(Role.STATUS_PROBLEM, new Style(TextColor.ANSI.WHITE, TextColor.ANSI.RED, EnumSet.of(SGR.BOLD)));
        m.put(Role.TIMESTAMP, Style.of(TextColor.ANSI.BLACK_BRIGHT));
        m.put(Role.DATE, Style.of(TextColor.ANSI.BLACK_BRIGHT));
        m.put(Role.OWN_TEXT, Style.of(TextColor.ANSI.GREEN));
        m.put(Role.THEIR_TEXT, Style.of(TextColor.ANSI.DEFAULT));
        m.put(Role.MARK_PENDING, Style.of(TextColor.ANSI.YELLOW));
        m.put(Role.MARK_DELIVERED, Style.of(TextColor.ANSI.GREEN));
        m.put(Role.MARK_FAILED, Style.of(TextColor.ANSI.RED, SGR.BOLD));
        m.put(Role.WARNING, new Style(TextColor.ANSI.WHITE, TextColor.ANSI.RED, EnumSet.of(SGR.BOLD)));
        m.put(Role.NOTICE, Style.of(TextColor.ANSI.CYAN));
        m.put(Role.ERROR, Style.of(TextColor.ANSI.RED, SGR.BOLD));
        m.put(Role.NEW_MARKER, Style.of(TextColor.ANSI.RED, SGR.BOLD));
        m.put(Role.MATCH, new Style(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, EnumSet.noneOf(SGR.class)));
        m.put(Role.PROMPT, Style.of(TextColor.ANSI.YELLOW, SGR.BOLD));
        return new Theme(m, true);
    }

    /** No colour at all; bold and reverse video where the colour theme draws attention. */
    static Theme monochrome() {
        Map<Role, Style> m = new EnumMap<>(Role.class);
        Style plain = Style.of(TextColor.ANSI.DEFAULT);
        for (Role r : Role.values()) {
            m.put(r, plain);
        }
        Style bold = Style.of(TextColor.ANSI.DEFAULT, SGR.BOLD);
        Style reverse = Style.of(TextColor.ANSI.DEFAULT, SGR.REVERSE);
        for (Role r : new Role[] {Role.UNREAD, Role.MARK_FAILED, Role.ERROR, Role.NEW_MARKER, Role.ADDRESS}) {
            m.put(r, bold);
        }
        for (Role r :
                new Role[] {Role.CURRENT_PEER, Role.SELECTED_PEER, Role.WARNING, Role.MATCH, Role.STATUS_PROBLEM}) {
            m.put(r, reverse);
        }
        return new Theme(m, false);
    }
}
