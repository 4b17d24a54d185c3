package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a conversation as shown: its (already safe) text, and which {@link Role} each part of it plays, so
 * that the renderer can colour it through the {@link Theme}. Parts not covered by a span are {@link Role#PLAIN}.
 */
record Line(String text, List<Span> spans) {
    /** {@code [start, end)} of the text plays {@code role}. */
    record Span(int start, int end, Role role) {}

    Line {
        spans = List.copyOf(spans);
    }

    static Line of(String text, Role role) {
        return new Line(text, List.of(new Span(0, text.length(), role)));
    }

    /** The role of the character at {@code index}. */
    Role roleAt(int index) {
        for (Span s : spans) {
            if (index >= s.start() && index < s.end()) {
                return s.role();
            }
        }
        return Role.PLAIN;
    }

    /** This line with {@code prefix} before it. */
    Line prefixed(String prefix, Role role) {
        List<Span> moved = new ArrayList<>();
        moved.add(new Span(0, prefix.length(), role));
        for (Span s : spans) {
            moved.add(new Span(s.start() + prefix.length(), s.end() + prefix.length(), s.role()));
        }
        return new Line(prefix + text, moved);
    }

    /** This line with {@code suffix} after it. */
    Line suffixed(String suffix, Role role) {
        List<Span> more = new ArrayList<>(spans);
        more.add(new Span(text.length(), text.length() + suffix.length(), role));
        return new Line(text + suffix, more);
    }

    /** Builds a line part by part. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Span> spans = new ArrayList<>();

        Builder add(String part, Role role) {
            spans.add(new Span(text.length(), text.length() + part.length(), role));
            text.append(part);
            return this;
        }

        Line build() {
            return new Line(text.toString(), spans);
        }
    }
}
