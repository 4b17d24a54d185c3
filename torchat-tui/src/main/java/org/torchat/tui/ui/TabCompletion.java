package org.torchat.tui.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Tab in the input line: completes a /command, the peer after a command that takes one, or an address at the
 * "Onion Address:" prompt. When several candidates remain, completes their common prefix, or lists them (through
 * {@code notice}) when that adds nothing. Candidates come from the one command table and from the caller.
 */
final class TabCompletion {
    /** The commands, from the one table that /help and dispatch read too. */
    static final List<String> COMMANDS = SlashCommands.names();
    /** Commands whose first argument is a peer: Tab completes addresses and nicknames there. */
    static final List<String> PEER_COMMANDS = SlashCommands.peerCommands();

    private TabCompletion() {}

    /** Completes the line in {@code editor}; {@code askingPeer}: the line is an address prompt. */
    static void complete(LineEditor editor, boolean askingPeer, List<String> peerNames, Consumer<String> notice) {
        if (editor.cursor() != editor.text().length()) {
            return;
        }
        String text = editor.text();
        if (text.startsWith("/")) {
            int space = text.indexOf(' ');
            if (space < 0) {
                completeWord(editor, "", text, COMMANDS, notice);
            } else if (PEER_COMMANDS.contains(text.substring(0, space).toLowerCase(Locale.ROOT))) {
                String word = text.substring(space + 1);
                if (word.indexOf(' ') < 0) {
                    completeWord(editor, text.substring(0, space + 1), word, peerNames, notice);
                }
            }
        } else if (askingPeer && text.indexOf(' ') < 0) {
            completeWord(editor, "", text, peerNames, notice);
        }
    }

    /** Completes {@code typed} among {@code candidates}, ignoring letter case (nicknames have capitals). */
    private static void completeWord(
            LineEditor editor, String before, String typed, List<String> candidates, Consumer<String> notice) {
        String word = typed.toLowerCase(Locale.ROOT);
        List<String> matches = candidates.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(word))
                .toList();
        if (matches.isEmpty()) {
            return;
        }
        String common = matches.get(0);
        for (String m : matches) {
            int n = 0;
            while (n < common.length()
                    && n < m.length()
                    && Character.toLowerCase(common.charAt(n)) == Character.toLowerCase(m.charAt(n))) {
                n++;
            }
            common = common.substring(0, n);
        }
        if (common.length() > word.length() || matches.size() == 1 && !common.equals(typed)) {
            editor.set(before + common); // also puts a nickname typed in other letter case as it is spelled
        } else if (matches.size() > 1) {
            notice.accept(String.join("  ", matches));
        }
    }
}
