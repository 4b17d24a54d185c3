package org.torchat.tui.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The input line: its text and cursor, edited a grapheme at a time ({@link Graphemes}), and the lines entered
 * before (Up/Down), with the line being typed kept while walking them.
 */
final class LineEditor {
    static final int MAX_HISTORY = 500;

    private final StringBuilder input = new StringBuilder();
    private int cursor;
    private final List<String> history = new ArrayList<>();
    /** {@code history.size()} while not walking the history. */
    private int historyIndex;
    /** The line being typed before the history walk started. */
    private String draft = "";

    String text() {
        return input.toString();
    }

    int cursor() {
        return cursor;
    }

    List<String> history() {
        return Collections.unmodifiableList(history);
    }

    void insert(char c) {
        input.insert(cursor, c);
        cursor++;
    }

    /** Deletes the whole grapheme before the cursor: an emoji with its skin tone, a letter with its accent. */
    void backspace() {
        if (cursor > 0) {
            int start = Graphemes.previous(input.toString(), cursor);
            input.delete(start, cursor);
            cursor = start;
        }
    }

    void delete() {
        if (cursor < input.length()) {
            input.delete(cursor, Graphemes.next(input.toString(), cursor));
        }
    }

    void left() {
        cursor = cursor == 0 ? 0 : Graphemes.previous(input.toString(), cursor);
    }

    void right() {
        cursor = Graphemes.next(input.toString(), cursor);
    }

    void home() {
        cursor = 0;
    }

    void end() {
        cursor = input.length();
    }

    /** Ctrl-U: deletes everything before the cursor. */
    void killToStart() {
        input.delete(0, cursor);
        cursor = 0;
    }

    /** Ctrl-K: deletes everything from the cursor on. */
    void killToEnd() {
        input.setLength(cursor);
    }

    /** Ctrl-W: deletes the word before the cursor. */
    void deleteWordBack() {
        int start = cursor;
        while (start > 0 && input.charAt(start - 1) == ' ') {
            start--;
        }
        while (start > 0 && input.charAt(start - 1) != ' ') {
            start--;
        }
        input.delete(start, cursor);
        cursor = start;
    }

    /** Replaces the line, cursor at its end. */
    void set(String text) {
        input.setLength(0);
        input.append(text);
        cursor = input.length();
    }

    /** Enter: returns the line, empties it, remembers it in the history (not blanks or repeats). */
    String take() {
        String line = input.toString();
        if (!line.isBlank()
                && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
            history.add(line);
            if (history.size() > MAX_HISTORY) {
                history.remove(0);
            }
        }
        historyIndex = history.size();
        draft = "";
        set("");
        return line;
    }

    /** Up: the previous line of the history; the line being typed is kept for the way back down. */
    void previous() {
        if (historyIndex == 0 || history.isEmpty()) {
            return;
        }
        if (historyIndex >= history.size()) {
            historyIndex = history.size();
            draft = input.toString();
        }
        historyIndex--;
        set(history.get(historyIndex));
    }

    /** Down: the next line of the history, and finally the line that was being typed. */
    void next() {
        if (historyIndex >= history.size()) {
            return;
        }
        historyIndex++;
        set(historyIndex == history.size() ? draft : history.get(historyIndex));
    }
}
