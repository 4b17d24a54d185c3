package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.IncomingMessage;

/** Issue 14 item 2: emoji, skin tones, ZWJ sequences, flags, combining accents and CJK laid out and edited whole. */
class UnicodeScreenTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    static final String PARTY = "\ud83c\udf89";
    static final String THUMB_TONE = "\ud83d\udc4d\ud83c\udffd";
    static final String FAMILY = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
    static final String FLAG = "\ud83c\udde9\ud83c\uddea";
    static final String ACCENT = "e\u0301";
    static final String CJK = "中";
    private static final int[][] SIZES = {{80, 24}, {200, 60}};

    @Test
    void graphemesAndWidths() {
        assertEquals(
                List.of("a", PARTY, THUMB_TONE, FAMILY, FLAG, ACCENT, CJK, "\u263a\ufe0f"),
                Graphemes.split("a" + PARTY + THUMB_TONE + FAMILY + FLAG + ACCENT + CJK + "\u263a\ufe0f"));
        assertEquals(1, Graphemes.width("a"));
        assertEquals(1, Graphemes.width(ACCENT));
        // wcwidth per code point, summed, as glibc and tmux 3.3 lay them out (measured in tmux).
        assertEquals(1, Graphemes.width("\u263a"), "text presentation by default");
        assertEquals(1, Graphemes.width("\u263a\ufe0f"), "a selector takes no column of its own");
        for (String wide : List.of(PARTY, FLAG, CJK, "\u26a1")) {
            assertEquals(2, Graphemes.width(wide), wide);
        }
        assertEquals(4, Graphemes.width(THUMB_TONE));
        assertEquals(6, Graphemes.width(FAMILY));
        assertEquals(List.of("\ud83d\udc68\u200d", "\ud83d\udc69\u200d", "\ud83d\udc67"), Graphemes.pieces(FAMILY));
        assertEquals(18, TextLines.width("a" + PARTY + THUMB_TONE + FAMILY + FLAG + ACCENT + CJK));
    }

    @Test
    void wrappingNeverSplitsAGrapheme() {
        String s = FAMILY.repeat(3);
        assertEquals(List.of(FAMILY + FAMILY, FAMILY), TextLines.wrap(s, 13));
        assertEquals(List.of(FAMILY, FAMILY, FAMILY), TextLines.wrap(s, 5), "too wide for the line: alone, whole");
        assertEquals(List.of(ACCENT + ACCENT, ACCENT), TextLines.wrap(ACCENT.repeat(3), 2));
        assertEquals(FLAG, TextLines.fit(FLAG + FLAG, 3));
    }

    @Test
    void aMessageWithEmojiIsLaidOutCellByCell() throws IOException {
        String text = "a" + PARTY + "b " + THUMB_TONE + "c " + FAMILY + "d " + FLAG + "e " + ACCENT + "f " + CJK + "g";
        for (int[] size : SIZES) {
            ChatState s = ChatState.start(SELF, List.of(ALICE));
            s.appendIncoming(new IncomingMessage(ALICE, "18:59", text));
            try (VirtualScreen v = new VirtualScreen(size[0], size[1])) {
                v.draw(s);
                int chat = Layout.of(v.terminal.getTerminalSize()).chatColumn();
                List<String> cells = v.clusters(chat + "[18:59] ".length(), 0).subList(0, 18);
                // Clusters wider than two columns are drawn in the cells a wcwidth terminal gives their parts.
                assertEquals(
                        List.of(
                                "a",
                                PARTY,
                                "b",
                                " ",
                                "\ud83d\udc4d",
                                "\ud83c\udffd",
                                "c",
                                " ",
                                "\ud83d\udc68\u200d",
                                "\ud83d\udc69\u200d",
                                "\ud83d\udc67",
                                "d",
                                " ",
                                FLAG,
                                "e",
                                " ",
                                ACCENT,
                                "f"),
                        cells,
                        size[0] + "x" + size[1]);
                // A single emoji reaches the terminal whole, not as "??".
                assertEquals(PARTY, v.terminal.getCharacter(chat + 9, 0).getCharacterString());
                assertEquals("b", v.terminal.getCharacter(chat + 11, 0).getCharacterString());
            }
        }
    }

    @Test
    void wideNamesInThePeerListKeepTheSeparatorInPlace() throws IOException {
        for (int[] size : SIZES) {
            ChatState s = ChatState.start(SELF, List.of(ALICE));
            s.setContacts(
                    List.of(new ContactEntry(ALICE, "王" + PARTY + "Ann", "contact", 0, null, false, 0, true, null)));
            try (VirtualScreen v = new VirtualScreen(size[0], size[1])) {
                v.draw(s);
                assertEquals(
                        List.of("1", ".", " ", "王", PARTY, "A", "n", "n"),
                        v.clusters(0, 0).subList(0, 8));
                int separator = Layout.of(v.terminal.getTerminalSize()).separatorColumn();
                assertEquals("|", v.cell(separator, 0).getCharacterString());
            }
        }
    }

    @Test
    void theInputLineEditsWholeGraphemes() throws IOException {
        for (int[] size : SIZES) {
            ChatState s = ChatState.start(SELF, List.of(ALICE));
            InputHandler in = new InputHandler(s);
            for (String g : List.of("x", THUMB_TONE, FAMILY, FLAG, ACCENT, CJK)) {
                g.chars().forEach(c -> in.handle(new KeyStroke((char) c, false, false)));
            }
            try (VirtualScreen v = new VirtualScreen(size[0], size[1])) {
                TerminalPosition cursor = v.draw(s);
                assertEquals(1 + 4 + 6 + 2 + 1 + 2, cursor.getColumn(), "cursor after the CJK character");
                assertEquals(
                        "x" + THUMB_TONE + FAMILY + FLAG + ACCENT + CJK,
                        String.join("", v.clusters(0, size[1] - 1)).strip());

                in.handle(new KeyStroke(KeyType.ArrowLeft));
                in.handle(new KeyStroke(KeyType.ArrowLeft));
                assertEquals(1 + 4 + 6 + 2, v.draw(s).getColumn(), "left steps over the accent and the CJK whole");
                in.handle(new KeyStroke(KeyType.Backspace));
                assertEquals("x" + THUMB_TONE + FAMILY + ACCENT + CJK, s.input(), "backspace took the whole flag");
                in.handle(new KeyStroke(KeyType.Backspace));
                assertEquals("x" + THUMB_TONE + ACCENT + CJK, s.input(), "and then the whole family");
                in.handle(new KeyStroke(KeyType.Delete));
                assertEquals("x" + THUMB_TONE + CJK, s.input(), "delete takes e with its accent");
                in.handle(new KeyStroke(KeyType.ArrowLeft));
                in.handle(new KeyStroke(KeyType.Delete));
                assertEquals("x" + CJK, s.input(), "the thumb with its skin tone");
                assertEquals(1, v.draw(s).getColumn());
                s.editor().set("");
            }
        }
    }

    @Test
    void aLongInputLineScrollsByGraphemes() throws IOException {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.editor().set(FAMILY.repeat(100));
        try (VirtualScreen v = new VirtualScreen(80, 24)) {
            TerminalPosition cursor = v.draw(s);
            assertTrue(cursor.getColumn() < 80);
            String shown = String.join("", v.clusters(0, 23)).strip();
            assertTrue(!shown.isEmpty() && shown.replace(FAMILY, "").isEmpty(), "only whole families: " + shown);
        }
    }
}
