package org.torchat.tui.ui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import org.torchat.tui.ClientFailureException;

/**
 * The user's own terminal in full-screen mode, always a text terminal (never a Swing window, even with DISPLAY
 * set: torchat runs over SSH and in tmux). Ctrl-C arrives as a key stroke, not as a signal, so that the UI can
 * quit through its normal path. {@link #close()} gives the terminal back as it was.
 */
public final class TextTerminal implements AutoCloseable {
    private final Terminal terminal;
    private final TerminalScreen screen;

    private TextTerminal(Terminal terminal, TerminalScreen screen) {
        this.terminal = terminal;
        this.screen = screen;
    }

    public static TextTerminal open() throws ClientFailureException {
        if (System.console() == null) {
            throw new ClientFailureException("the interactive client needs a terminal on stdin and stdout; "
                    + "for scripts use the subcommands (torchat --help)");
        }
        Terminal terminal = null;
        try {
            // What DefaultTerminalFactory makes on Unix with a console, but writing emoji whole (GraphemeTerminal).
            terminal = new GraphemeTerminal(
                    System.in,
                    System.out,
                    java.nio.charset.Charset.defaultCharset(),
                    UnixLikeTerminal.CtrlCBehaviour.TRAP);
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            return new TextTerminal(terminal, screen);
        } catch (IOException | RuntimeException e) {
            closeQuietly(terminal);
            throw new ClientFailureException("cannot use the terminal: " + e.getMessage(), e);
        }
    }

    public Screen screen() {
        return screen;
    }

    @Override
    public void close() {
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // still give the tty back below
        } finally {
            closeQuietly(terminal);
        }
    }

    private static void closeQuietly(Terminal terminal) {
        if (terminal == null) {
            return;
        }
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to try: Lanterna's shutdown hook restores the tty settings as a last resort
        }
    }
}
