package org.torchat.tui.ui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.torchat.protocol.DataDirectoryLayout;
import org.torchat.protocol.Nicknames;
import org.torchat.protocol.onion.InvalidOnionAddressException;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.tui.daemon.ContactChange;
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

    /** What /help shows, from the one command table. */
    static final List<String> HELP = SlashCommands.help();

    private final ChatState state;

    public InputHandler(ChatState state) {
        this.state = state;
    }

    ChatState state() {
        return state;
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
        if (state.mode() == ChatState.Mode.SEARCH) {
            return searching(type);
        }
        switch (type) {
            case Enter:
                return submit();
            case Backspace:
                state.editor().backspace();
                break;
            case Delete:
                state.editor().delete();
                break;
            case ArrowLeft:
                state.editor().left();
                break;
            case ArrowRight:
                state.editor().right();
                break;
            case Home:
                state.editor().home();
                break;
            case End:
                state.editor().end();
                break;
            case ArrowUp:
                state.editor().previous();
                break;
            case ArrowDown:
                state.editor().next();
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
        if (state.mode() == ChatState.Mode.SEARCH) {
            return Optional.empty();
        }
        if (state.mode() == ChatState.Mode.SELECT_PEER) {
            if (c == ' ') {
                state.askForPeer();
            }
            return Optional.empty();
        }
        state.editor().insert(c);
        return Optional.empty();
    }

    private Optional<UiAction> control(char c) {
        switch (c) {
            case 'c':
            case 'd':
                return quit();
            case 'a':
                state.editor().home();
                break;
            case 'e':
                state.editor().end();
                break;
            case 'u':
                state.editor().killToStart();
                break;
            case 'k':
                state.editor().killToEnd();
                break;
            case 'w':
                state.editor().deleteWordBack();
                break;
            case 'h':
                state.editor().backspace();
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

    /** Keys while the chat pane lists search results. */
    private Optional<UiAction> searching(KeyType type) {
        switch (type) {
            case ArrowUp:
                state.moveSearchSelection(-1);
                break;
            case ArrowDown:
                state.moveSearchSelection(1);
                break;
            case Enter:
                return state.jumpToSearchSelection().map(UiAction.class::cast);
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

    /** {@code /search TEXT} in the current conversation, {@code /search --all TEXT} in all of them. */
    Optional<UiAction> search(String arg) {
        boolean all = arg.equals("--all") || arg.startsWith("--all ");
        String text = all ? arg.substring("--all".length()).strip() : arg;
        if (text.isEmpty()) {
            state.notice("! /search TEXT searches this conversation, /search --all TEXT all of them");
            return Optional.empty();
        }
        Optional<String> peer = state.currentPeer();
        if (!all && peer.isEmpty()) {
            state.notice("! /search needs a peer (choose one with /peer), or search all: /search --all " + text);
            return Optional.empty();
        }
        return Optional.of(new UiAction.Search(all ? null : peer.get(), text));
    }

    private Optional<UiAction> submit() {
        String line = state.editor().take();
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
        Optional<SlashCommand> command = SlashCommands.find(parts[0]);
        if (command.isEmpty()) {
            state.notice("! unknown command " + parts[0] + " (/help lists the commands)");
            return Optional.empty();
        }
        return command.get().handler().run(this, arg);
    }

    /** {@code /help}. */
    Optional<UiAction> help(String arg) {
        HELP.forEach(state::notice);
        return Optional.empty();
    }

    /** {@code /peer}: choose among the peers; {@code /peer PEER}: talk to PEER. */
    Optional<UiAction> peer(String arg) {
        if (arg.isEmpty()) {
            state.beginPeerSelection();
        } else {
            choosePeer(arg);
        }
        return Optional.empty();
    }

    /** {@code /history [N]}: the stored conversation with the current peer. */
    Optional<UiAction> history(String arg) {
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
    Optional<UiAction> fileUp(String arg) {
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty()) {
            state.notice("! /fileup needs a peer: choose one with /peer");
            return Optional.empty();
        }
        if (arg.isEmpty()) {
            state.notice("! /fileup PATH: which file?");
            return Optional.empty();
        }
        String path = arg.startsWith("~/") ? DataDirectoryLayout.homeDirectory() + arg.substring(1) : arg;
        try {
            return Optional.of(new UiAction.SendFile(peer.get(), Path.of(path)));
        } catch (InvalidPathException e) {
            state.notice("! /fileup: not a path: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code /acceptfile [ID]}, {@code /rejectfile [ID]}: the one offer the id (or else the current peer) names. */
    Optional<UiAction> decide(String arg, boolean accept) {
        String verb = accept ? "/acceptfile" : "/rejectfile";
        List<TransferEntry> offers = state.offersAwaitingAnswer(arg.toLowerCase(Locale.ROOT));
        if (offers.size() == 1) {
            return Optional.of(new UiAction.DecideFile(offers.get(0).transferId(), accept));
        }
        if (offers.isEmpty()) {
            state.notice("! " + verb + ": no file offer " + (arg.isEmpty() ? "from this peer " : arg + " ")
                    + "waits for an answer");
        } else {
            state.notice("! " + verb + ": several offers wait; say which: " + verb + " "
                    + String.join(
                            " | ", offers.stream().map(TransferEntry::shortId).toList()));
        }
        return Optional.empty();
    }

    /** An address or nickname typed by the user: it becomes the current peer, or the buffer says why it cannot. */
    private void choosePeer(String text) {
        try {
            state.selectPeer(state.resolvePeer(text));
        } catch (InvalidOnionAddressException e) {
            state.notice("! " + e.getMessage());
        }
    }

    /** {@code /add ONION [NICK]}. */
    Optional<UiAction> add(String arg) {
        if (arg.isEmpty()) {
            state.notice("! /add ONION [NICK]: the contact's onion address is missing");
            return Optional.empty();
        }
        return withAddress(ContactChange.Kind.ADD, arg);
    }

    /** {@code ONION [NICK]}: the change for that address, or a notice saying why the address is wrong. */
    private Optional<UiAction> withAddress(ContactChange.Kind kind, String arg) {
        String[] words = arg.split("\\s+", 2);
        try {
            return change(kind, OnionAddress.parse(words[0]).hostname(), words.length > 1 ? words[1] : null);
        } catch (InvalidOnionAddressException e) {
            state.notice("! " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code /nick NAME}: renames the current peer. */
    Optional<UiAction> nick(String arg) {
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty() || arg.isEmpty()) {
            state.notice("! /nick NAME gives the current peer a nickname"
                    + (peer.isEmpty() ? ": choose one with /peer" : ""));
            return Optional.empty();
        }
        return change(ContactChange.Kind.RENAME, peer.get(), arg);
    }

    /** {@code /accept [NICK]} for the current peer, {@code /accept ONION [NICK]} for another. */
    Optional<UiAction> accept(String arg) {
        if (!arg.isEmpty() && Nicknames.looksLikeAddress(arg.split("\\s+", 2)[0])) {
            return withAddress(ContactChange.Kind.ACCEPT, arg);
        }
        Optional<String> peer = state.currentPeer();
        if (peer.isEmpty()) {
            state.notice("! /accept needs a peer: /accept ONION [NICK], or open the request with /peer first");
            return Optional.empty();
        }
        return change(ContactChange.Kind.ACCEPT, peer.get(), arg.isEmpty() ? null : arg);
    }

    /** A change about the peer named in {@code arg}, else the current peer. */
    Optional<UiAction> onPeer(ContactChange.Kind kind, String command, String arg) {
        if (arg.isEmpty()) {
            Optional<String> peer = state.currentPeer();
            if (peer.isEmpty()) {
                state.notice("! " + command + " needs a peer: " + command + " PEER, or choose one with /peer");
            }
            return peer.map(p -> new UiAction.ChangeContact(ContactChange.of(kind, p)));
        }
        try {
            return Optional.of(new UiAction.ChangeContact(ContactChange.of(kind, state.resolvePeer(arg))));
        } catch (InvalidOnionAddressException e) {
            state.notice("! " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A change that takes a nickname: checked here, so a bad one is explained at once. */
    private Optional<UiAction> change(ContactChange.Kind kind, String peer, String nickname) {
        String problem = nickname == null ? null : Nicknames.problem(nickname).orElse(null);
        if (problem != null) {
            state.notice("! " + problem);
            return Optional.empty();
        }
        return Optional.of(new UiAction.ChangeContact(new ContactChange(kind, peer, nickname)));
    }

    private static Optional<UiAction> quit() {
        return Optional.of(new UiAction.Quit());
    }
}
