package org.torchat.tui.ui;

import java.util.Optional;

/**
 * One command of the input line: its name, its arguments as /help shows them, one sentence of help, whether Tab
 * completes a peer as its first argument, and what it does. {@link SlashCommands} lists them all, and /help, Tab
 * completion and dispatch all read that one list.
 */
record SlashCommand(String name, String arguments, String help, boolean completesPeer, Handler handler) {
    /** Runs the command with what followed its name (stripped, maybe empty). */
    @FunctionalInterface
    interface Handler {
        Optional<UiAction> run(InputHandler input, String argument);
    }

    /** {@code /name ARGS  help}, one line: the chat pane wraps it at word boundaries for its width. */
    String helpLine() {
        return "  " + name + (arguments.isEmpty() ? "" : " " + arguments) + "  " + help;
    }
}
