package org.torchat.tui.ui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.tui.daemon.TransferEntry;

/**
 * Turns key strokes into changes of the {@link ChatState} and, where the rest of the application has to act
 * (send, quit, stop the daemon), into a {@link UiAction}. Runs on the UI thread only.
 */
public final class InputHandler {
    /** Lines moved by PgUp/PgDn. */
    static final int PAGE = 10;
    /** The daemon's HISTORY limit. */
    static final int MAX_HISTORY = 1000;

    static final List<String> HELP = List.of(
            "Commands:",
            "  /peer          choose the peer to talk to: Up/Down, Enter; Space for a new address",
            "  /peer ONION    talk to ONION",
            "  /history [N]   show the last N (default 100, at most 1000) messages with the peer, with",
            "                 delivery marks: (queued) (sent) (delivered) (FAILED: why); (unverified) on theirs",
            "  /fileup PATH   send the file PATH (on this machine) to the peer; its progress shows below",
            "                 the conversation: offered, sending n%, delivered (or FAILED: why)",
            "  /accept [ID]   receive a file the peer offers (ID: the id shown with the offer; without it,",
            "                 the peer's only offer); it is saved in the daemon's downloads directory",
            "  /reject [ID]   refuse a file offer",
            "  /quit          leave this client (the daemon keeps running and receiving)",
            "  /exit          stop the daemon, then leave",
            "  /help          this text",
            "  //text         send a line that starts with '/'",
            "Keys: Up/Down input history, Tab completes, PgUp/PgDn scroll, Ctrl-A/E/U/K/W edit,",
            "      Ctrl-C or Ctrl-D leave.");

    private final ChatState state;

    public InputHandler(ChatState state) {
        this.state = state;
    }

    public Optional<UiAction> handle(KeyStroke key) {
        KeyType type = key.getKeyType();
        if (type == KeyType.EOF) {
            return quit();
        }
        if (type == KeyType.Character) {
            return character(key);
        }
        if (state.mode() == ChatState.Mode.SELECT_PEER) {
            return selecting(type);
        }
        switch (type) {
            case Enter:
                return submit();
            case Backspace:
                state.backspace();
                break;
            case Delete:
                state.delete();
                break;
            case ArrowLeft:
                state.cursorLeft();
                break;
            case ArrowRight:
                state.cursorRight();
                break;
            case Home:
                state.cursorHome();
                break;
            case End:
                state.cursorEnd();
                break;
            case ArrowUp:
                state.historyPrevious();
                break;
            case ArrowDown:
                state.historyNext();
                break;
            case Tab:
                state.complete();
                break;
            case Escape:
                state.cancel();
                break;
            case PageUp:
                state.scrollBack(PAGE);
                break;
            case PageDown:
                state.scrollForward(PAGE);
                break;
            default:
                break;
        }
        return Optional.empty();
    }

    private Optional<UiAction> character(KeyStroke key) {
        char c = key.getCharacter();
        if (key.isCtrlDown() && !key.isAltDown()) {
            return control(Character.toLowerCase(c));
        }
        if (key.isAltDown()) {
            return Optional.empty();
        }
        if (state.mode() == ChatState.Mode.SELECT_PEER) {
            if (c == ' ') {
                state.askForPeer();
            }
            return Optional.empty();
        }
        state.insert(c);
        return Optional.empty();
    }

    private Optional<UiAction> control(char c) {
        switch (c) {
            case 'c':
            case 'd':
                return quit();
            case 'a':
                state.cursorHome();
                break;
            case 'e':
                state.cursorEnd();
                break;
            case 'u':
                state.killToStart();
                break;
            case 'k':
                state.killToEnd();
                break;
            case 'w':
                state.deleteWordBack();
                break;
            case 'h':
                state.backspace();
                break;
            default:
                break;
        }
        return Optional.empty();
    }

    private Optional<UiAction> selecting(KeyType type) {
        switch (type) {
            case ArrowUp:
                state.moveSelection(-1);
                break;
            case ArrowDown:
                state.moveSelection(1);
                break;
            case Enter:
                state.chooseSelection();
                break;
            case Escape:
                state.cancel();
                break;
            case PageUp:
                state.scrollBack(PAGE);
                break;
            case PageDown:
                state.scrollForward(PAGE);
                break;
            default:
                break;
        }
        return Optional.empty();
    }

    private Optional<UiAction> submit() {
        String line = state.takeInput();
        String trimmed = line.strip();
        if (trimmed.startsWith("/") && !trimmed.startsWith("//")) {
            return command(trimmed);
        }
        if (state.mode() == ChatState.Mode.ASK_PEER) {
            if (!trimmed.isEmpty()) {
                choosePeer(trimmed);
            }
            return Optional.empty();
        }
        if (line.isBlank()) {
            return Optional.empty();
        }
        String text = trimmed.startsWith("//") ? line.substring(line.indexOf('/') + 1) : line;
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty()) {
            state.askForPeer();
            return Optional.empty();
        }
        List<String> parts = MessageSplitter.split(text);
        for (String part : parts) {
            state.appendOwn(peer.get(), part);
        }
        if (parts.size() > 1) {
            state.notice(peer.get(), "(too long for one message: sent as " + parts.size() + " messages)");
        }
        return Optional.of(new UiAction.Send(peer.get(), parts));
    }

    private Optional<UiAction> command(String line) {
        String[] parts = line.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "/quit":
                return quit();
            case "/exit":
                return Optional.of(new UiAction.StopDaemon());
            case "/help":
                HELP.forEach(state::notice);
                break;
            case "/history":
                return history(arg);
            case "/fileup":
                return fileUp(arg);
            case "/accept":
                return decide(arg, true);
            case "/reject":
                return decide(arg, false);
            case "/peer":
                if (arg.isEmpty()) {
                    state.beginPeerSelection();
                } else {
                    choosePeer(arg);
                }
                break;
            default:
                state.notice("! unknown command " + parts[0] + " (/help lists the commands)");
                break;
        }
        return Optional.empty();
    }

    /** {@code /history [N]}: the stored conversation with the current peer. */
    private Optional<UiAction> history(String arg) {
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty()) {
            state.notice("! /history needs a peer: choose one with /peer");
            return Optional.empty();
        }
        int n = DaemonWorker.DEFAULT_HISTORY;
        if (!arg.isEmpty()) {
            try {
                n = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_HISTORY) {
                state.notice("! /history N: N must be a number 1.." + MAX_HISTORY + ", got " + arg);
                return Optional.empty();
            }
        }
        return Optional.of(new UiAction.LoadHistory(peer.get(), n));
    }

    /** {@code /fileup PATH}: a file on this machine, to the current peer; {@code ~/} is the home directory. */
    private Optional<UiAction> fileUp(String arg) {
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty()) {
            state.notice("! /fileup needs a peer: choose one with /peer");
            return Optional.empty();
        }
        if (arg.isEmpty()) {
            state.notice("! /fileup PATH: which file?");
            return Optional.empty();
        }
        String path = arg.startsWith("~/") ? System.getProperty("user.home") + arg.substring(1) : arg;
        try {
            return Optional.of(new UiAction.SendFile(peer.get(), Path.of(path)));
        } catch (InvalidPathException e) {
            state.notice("! /fileup: not a path: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code /accept [ID]}, {@code /reject [ID]}: the one offer the id (or, without one, the current peer) names. */
    private Optional<UiAction> decide(String arg, boolean accept) {
        String verb = accept ? "/accept" : "/reject";
        List<TransferEntry> offers = state.offersAwaitingAnswer(arg.toLowerCase(Locale.ROOT));
        if (offers.size() == 1) {
            return Optional.of(new UiAction.DecideFile(offers.get(0).transferId(), accept));
        }
        if (offers.isEmpty()) {
            state.notice("! " + verb + ": no file offer " + (arg.isEmpty() ? "from this peer " : arg + " ")
                    + "waits for an answer");
        } else {
            state.notice("! " + verb + ": several offers wait; say which: " + verb + " "
                    + String.join(" | ", offers.stream().map(TransferEntry::shortId).toList()));
        }
        return Optional.empty();
    }

    /** An address typed by the user: it becomes the current peer, or the buffer says why it cannot. */
    private void choosePeer(String text) {
        try {
            state.selectPeer(OnionAddress.parse(text).hostname());
        } catch (InvalidOnionAddressException e) {
            state.notice("! " + e.getMessage());
        }
    }

    private static Optional<UiAction> quit() {
        return Optional.of(new UiAction.Quit());
    }
}
