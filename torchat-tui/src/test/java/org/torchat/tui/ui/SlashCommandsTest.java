package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14 item 6: /help, Tab completion and dispatch all come from the one command table. */
class SlashCommandsTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);

    @Test
    void helpListsEveryCommandOfTheTable() {
        for (SlashCommand c : SlashCommands.ALL) {
            assertTrue(
                    InputHandler.HELP.stream()
                            .anyMatch(l -> l.startsWith("  " + c.name() + " ") || l.equals("  " + c.name())),
                    c.name());
        }
    }

    @Test
    void tabCompletesExactlyTheTablesNames() {
        ChatState s = ChatState.start(SELF, List.of(ALICE));
        s.editor().set("/");
        s.complete();
        assertEquals(
                String.join("  ", SlashCommands.names()),
                s.visibleBuffer().get(s.visibleBuffer().size() - 1));
    }

    @Test
    void everyCommandOfTheTableIsDispatched() {
        for (SlashCommand c : SlashCommands.ALL) {
            ChatState s = ChatState.start(SELF, List.of(ALICE));
            InputHandler in = new InputHandler(s);
            s.editor().set(c.name());
            in.handle(new KeyStroke(KeyType.Enter));
            assertFalse(s.visibleBuffer().stream().anyMatch(l -> l.contains("unknown command")), c.name());
        }
    }

    @Test
    void helpWrapsAtWordBoundariesForTheActualWidth() throws IOException {
        for (int width : new int[] {80, 200}) {
            ChatState s = ChatState.start(SELF, List.of(ALICE));
            InputHandler in = new InputHandler(s);
            s.editor().set("/help");
            in.handle(new KeyStroke(KeyType.Enter));
            try (VirtualScreen v = new VirtualScreen(width, 60)) {
                v.draw(s);
                int chat = Layout.of(v.terminal.getTerminalSize()).chatColumn();
                java.util.Set<String> words = new java.util.HashSet<>(
                        List.of(String.join(" ", SlashCommands.help()).split(" +")));
                for (int row = 0; row < 56; row++) {
                    String line = v.row(row).substring(chat).strip();
                    for (String word : line.split(" +")) {
                        assertTrue(
                                word.isEmpty() || words.contains(word),
                                "a word cut in two at " + width + ": '" + word + "' in: " + line);
                    }
                }
            }
        }
    }
}
