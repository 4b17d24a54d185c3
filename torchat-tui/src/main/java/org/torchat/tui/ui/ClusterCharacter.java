package org.torchat.tui.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;

/**
 * One screen cell holding a whole grapheme cluster, with the width {@link Graphemes} gives it. Lanterna 3.1 keeps a
 * string per cell and writes it to the terminal as it is, but only lets in what the JDK's BreakIterator calls one
 * character, which on Java 17 splits "👍🏽", "👨‍👩‍👧" and "🇩🇪" into parts that each take cells of their own; the
 * terminal then draws one picture and every cell after it on the line is off. Lanterna only reads a cell through
 * these methods, so a subclass that answers them for the whole cluster is enough.
 */
final class ClusterCharacter extends TextCharacter {
    private final String cluster;
    private final boolean wide;

    private ClusterCharacter(
            String cluster, boolean wide, TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
        super(' ', foreground, background, modifiers);
        this.cluster = cluster;
        this.wide = wide;
    }

    /** The cell for {@code cluster}: Lanterna's own where it accepts the cluster whole, else one of ours. */
    static TextCharacter of(String cluster, TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
        boolean wide = Graphemes.width(cluster) == 2;
        if (cluster.length() == 1 && TerminalTextUtils.isCharDoubleWidth(cluster.charAt(0)) == wide) {
            return new TextCharacter(cluster.charAt(0), foreground, background, modifiers);
        }
        return new ClusterCharacter(cluster, wide, foreground, background, modifiers);
    }

    @Override
    public String getCharacterString() {
        return cluster;
    }

    @Override
    public char getCharacter() {
        return cluster.charAt(0);
    }

    @Override
    public boolean is(char c) {
        return false;
    }

    @Override
    public boolean isDoubleWidth() {
        return wide;
    }

    @Override
    public TextCharacter withForegroundColor(TextColor color) {
        return new ClusterCharacter(cluster, wide, color, getBackgroundColor(), getModifiers());
    }

    @Override
    public TextCharacter withBackgroundColor(TextColor color) {
        return new ClusterCharacter(cluster, wide, getForegroundColor(), color, getModifiers());
    }

    @Override
    public TextCharacter withModifiers(Collection<SGR> modifiers) {
        EnumSet<SGR> set = modifiers.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(modifiers);
        return new ClusterCharacter(cluster, wide, getForegroundColor(), getBackgroundColor(), set);
    }

    @Override
    public TextCharacter withModifier(SGR modifier) {
        EnumSet<SGR> set = getModifiers();
        set.add(modifier);
        return withModifiers(set);
    }

    @Override
    public TextCharacter withoutModifier(SGR modifier) {
        EnumSet<SGR> set = getModifiers();
        set.remove(modifier);
        return withModifiers(set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterCharacter other
                && cluster.equals(other.cluster)
                && Objects.equals(getForegroundColor(), other.getForegroundColor())
                && Objects.equals(getBackgroundColor(), other.getBackgroundColor())
                && getModifiers().equals(other.getModifiers());
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, getForegroundColor(), getBackgroundColor(), getModifiers());
    }

    @Override
    public String toString() {
        return cluster;
    }
}
