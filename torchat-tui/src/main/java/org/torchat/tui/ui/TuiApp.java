package org.torchat.tui.ui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import java.io.IOException;
import java.util.Optional;
import org.torchat.tui.daemon.GroupEntry;
import org.torchat.tui.daemon.GroupPost;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * The UI loop. It owns the screen and the {@link ChatState} and is the only code that touches them: key
 * strokes come from the screen, results of background work from the {@link EventQueue}; both become state
 * changes, then the screen is redrawn from the state.
 */
public final class TuiApp {
    /** How long the loop waits for a background event when no key is pending: the latency of a key press. */
    static final long IDLE_WAIT_MILLIS = 15;

    /** How often key presses are reported to the daemon (ACTIVITY): far below awayafter's minutes. */
    private static final java.time.Duration ACTIVITY_EVERY = java.time.Duration.ofSeconds(30);

    private long lastActivityReport;
    private final Screen screen;
    private final ChatState state;
    private final InputHandler input;
    private final ScreenRenderer renderer;
    private final ClientSettings settings;
    private final EventQueue events;
    private final DaemonWorker worker;
    private boolean running = true;
    /** The peer whose history was last asked for when it became current. */
    private String shownPeer;

    /** With {@code --title}: the unread total in the terminal's title. */
    private final UnreadTitle title = new UnreadTitle();

    public TuiApp(Screen screen, ChatState state, EventQueue events, DaemonWorker worker) {
        this(screen, state, events, worker, ClientSettings.defaults());
    }

    public TuiApp(Screen screen, ChatState state, EventQueue events, DaemonWorker worker, ClientSettings settings) {
        this.screen = screen;
        this.settings = settings;
        this.renderer = new ScreenRenderer(settings.theme());
        this.state = state;
        this.input = new InputHandler(state);
        this.events = events;
        this.worker = worker;
    }

    /** Keys pressed: the daemon hears it at most every {@link #ACTIVITY_EVERY}, enough to keep us from away. */
    private void reportActivity() {
        long now = System.nanoTime();
        if (lastActivityReport == 0 || now - lastActivityReport >= ACTIVITY_EVERY.toNanos()) {
            lastActivityReport = now;
            worker.activity();
        }
    }

    /** Runs until the user quits (or the daemon confirmed /exit). Call on the thread that owns the screen. */
    public void run() throws IOException, InterruptedException {
        worker.activity(); // starting the client is activity too
        loadHistoryIfPeerChanged();
        draw(Screen.RefreshType.COMPLETE);
        while (running) {
            boolean changed = false;
            KeyStroke key;
            while (running && (key = screen.pollInput()) != null) {
                reportActivity();
                input.handle(key).ifPresent(this::act);
                loadHistoryIfPeerChanged();
                changed = true;
            }
            Optional<UiEvent> event;
            while (running && (event = events.poll()).isPresent()) {
                apply(event.get());
                changed = true;
            }
            if (!running) {
                break;
            }
            TerminalSize resized = screen.doResizeIfNecessary();
            if (resized != null) {
                draw(Screen.RefreshType.COMPLETE);
            } else if (changed) {
                draw(Screen.RefreshType.DELTA);
            } else {
                Optional<UiEvent> next = events.await(IDLE_WAIT_MILLIS);
                if (next.isPresent()) {
                    apply(next.get());
                    if (running) {
                        draw(Screen.RefreshType.DELTA);
                    }
                }
            }
        }
    }

    ChatState state() {
        return state;
    }

    /** Opening a peer shows its stored conversation, with delivery marks (HISTORY, off the UI thread). */
    private void loadHistoryIfPeerChanged() {
        String current = state.currentPeer().orElse(null);
        if (current != null && !current.equals(shownPeer)) {
            worker.loadHistory(current, DaemonWorker.DEFAULT_HISTORY);
        }
        shownPeer = current;
    }

    private void act(UiAction action) {
        if (action instanceof UiAction.Send send) {
            for (String part : send.parts()) {
                worker.send(send.peer(), part);
            }
        } else if (action instanceof UiAction.SendFile file) {
            worker.sendFile(file.peer(), file.file());
        } else if (action instanceof UiAction.DecideFile decision) {
            worker.decideFile(decision.transferId(), decision.accept());
        } else if (action instanceof UiAction.LoadHistory load) {
            worker.loadHistory(load.peer(), load.count());
        } else if (action instanceof UiAction.ChangeContact change) {
            worker.changeContact(change.change());
        } else if (action instanceof UiAction.ShowContacts) {
            worker.loadContacts(true);
        } else if (action instanceof UiAction.Search search) {
            worker.search(search.peer(), search.text());
        } else if (action instanceof UiAction.GroupRequest request) {
            worker.groupRequest(request);
        } else if (action instanceof UiAction.Quit) {
            running = false;
        } else if (action instanceof UiAction.StopDaemon) {
            state.notice("asking the daemon to stop...");
            worker.stopDaemon();
        }
    }

    void apply(UiEvent event) {
        if (event instanceof UiEvent.MessagesArrived arrived) {
            java.util.Set<String> reread = new java.util.LinkedHashSet<>();
            boolean ring = false;
            for (IncomingMessage m : arrived.messages()) {
                boolean open = m.peer().equals(state.currentPeer().orElse(null));
                ring |= !open && settings.bell().rings(state.isContact(m.peer()));
                if (state.showsHistory(m.peer()) && !Boolean.TRUE.equals(m.verified())) {
                    // Unsigned, or a daemon that does not say: only HISTORY knows whether it looks forged.
                    state.countIncoming(m.peer());
                    reread.add(m.peer());
                } else {
                    state.appendIncoming(m); // a signed message is shown as it is: no round trip, no re-read
                }
            }
            reread.forEach(worker::reloadHistory);
            if (ring) {
                bell();
            }
        } else if (event instanceof UiEvent.DaemonStatus status) {
            state.setDaemonProblem(status.problem());
            state.notice(status.reachable() ? "the daemon is reachable again" : "! " + status.problem());
        } else if (event instanceof UiEvent.SendFailed failed) {
            state.notice(failed.peer(), "! " + failed.reason());
        } else if (event instanceof UiEvent.DaemonStopped) {
            running = false;
        } else if (event instanceof UiEvent.StopFailed failed) {
            state.notice("! could not stop the daemon: " + failed.reason());
        } else if (event instanceof UiEvent.TorStatus tor) {
            state.setTorStatus(tor.line());
        } else if (event instanceof UiEvent.HistoryLoaded loaded) {
            state.showHistory(loaded.peer(), loaded.entries());
        } else if (event instanceof UiEvent.DeliveryChanged) {
            // Only the open conversation's marks that can still change; another one is read in full when opened.
            state.pendingMarks().ifPresent(read -> worker.refreshMarks(read.peer(), read.count()));
        } else if (event instanceof UiEvent.MarksLoaded marks) {
            state.updateMarks(marks.peer(), marks.entries());
        } else if (event instanceof UiEvent.PresenceChanged) {
            worker.loadContacts(false);
        } else if (event instanceof UiEvent.ContactsLoaded loaded) {
            state.setContacts(loaded.contacts());
            state.setRequests(loaded.requests());
            if (loaded.show()) {
                ContactLines.of(loaded.contacts(), loaded.requests()).forEach(state::notice);
            }
        } else if (event instanceof UiEvent.RequestsLoaded loaded) {
            state.setRequests(loaded.requests());
        } else if (event instanceof UiEvent.TransfersChanged changed) {
            state.setTransfers(changed.transfers());
        } else if (event instanceof UiEvent.UploadProgress upload) {
            state.setUpload(upload.peer(), upload.name(), upload.sent(), upload.total(), upload.done());
        } else if (event instanceof UiEvent.SearchFound found) {
            state.showSearch(found.query(), found.everywhere(), found.matches());
        } else if (event instanceof UiEvent.GroupPostsArrived arrived) {
            groupPostsArrived(arrived);
        } else if (event instanceof UiEvent.GroupsChanged) {
            worker.loadGroups();
        } else if (event instanceof UiEvent.GroupsLoaded loaded) {
            for (GroupEntry invited : state.setGroups(loaded.groups())) {
                state.notice(TextLines.sanitize(state.authorName(invited.creator()))
                                .get(0) + " invited you to #"
                        + TextLines.sanitize(invited.name()).get(0) + " (" + invited.members() + " members): /join "
                        + invited.id() + " or /decline " + invited.id());
            }
        } else if (event instanceof UiEvent.GroupHistoryLoaded loaded) {
            String key = GroupBook.key(loaded.groupId());
            state.showHistory(key, state.groupHistory(loaded.posts()));
            String note = notesAfterHistory.remove(key);
            if (note != null) {
                state.notice(key, note);
            }
        } else if (event instanceof UiEvent.GroupOpened opened) {
            notesAfterHistory.put(GroupBook.key(opened.groupId()), opened.note());
            state.selectPeer(GroupBook.key(opened.groupId()));
            loadHistoryIfPeerChanged();
        } else if (event instanceof UiEvent.Notice notice) {
            state.notice(notice.text());
        }
    }

    /** Notes for a group's conversation, shown once its stored messages are (reading them replaces the view). */
    private final java.util.Map<String, String> notesAfterHistory = new java.util.HashMap<>();

    /** Group messages go to their group's conversation; a group not known yet makes the groups be read again. */
    private void groupPostsArrived(UiEvent.GroupPostsArrived arrived) {
        boolean ring = false;
        boolean unknown = false;
        for (GroupPost p : arrived.posts()) {
            String key = GroupBook.key(p.groupId());
            unknown |= !state.groups().knows(p.groupId());
            ring |= !key.equals(state.currentPeer().orElse(null))
                    && !state.groups().muted(key)
                    && settings.bell().rings(true);
            state.appendGroupPost(p, GROUP_TIME.format(java.time.Instant.ofEpochMilli(p.time())));
        }
        if (unknown) {
            worker.loadGroups();
        }
        if (ring) {
            bell();
        }
    }

    private static final java.time.format.DateTimeFormatter GROUP_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());

    /** The terminal bell: tmux and screen also flag the window, so it is seen from another one. */
    private void bell() {
        if (screen instanceof TerminalScreen t) {
            try {
                t.getTerminal().bell();
            } catch (IOException e) {
                // a bell that cannot ring is not worth a failure
            }
        }
    }

    /** With {@code --title}: the terminal's title says how many messages are unread. */
    private void updateTitle() {
        if (settings.title()
                && screen instanceof TerminalScreen t
                && t.getTerminal() instanceof ExtendedTerminal terminal) {
            title.show(terminal, state.unreadTotal());
        }
    }

    private void draw(Screen.RefreshType refresh) throws IOException {
        updateTitle();
        TerminalPosition cursor = renderer.render(state, screen.newTextGraphics(), screen.getTerminalSize());
        screen.setCursorPosition(cursor);
        screen.refresh(refresh);
    }
}
