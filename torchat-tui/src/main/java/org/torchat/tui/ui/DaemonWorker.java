package org.torchat.tui.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.ContactChange;
import org.torchat.tui.daemon.ContactEntry;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.HistoryEntry;

/**
 * Runs the requests the user asked for (SEND, EXIT) off the UI thread, one at a time and in order, so that a
 * SEND that waits for Tor never freezes the screen and messages to a peer leave in the order typed. Outcomes
 * go to the sink as {@link UiEvent}s. After a SEND it reads the peer's HISTORY once (the message shows as queued);
 * later marks follow the daemon's {@code delivery} token (the long poll), each read covering only the messages whose
 * mark can still change ({@link #refreshMarks}).
 */
public final class DaemonWorker implements AutoCloseable {
    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;
    /** How many messages the view of a conversation shows unless /history asks for another number. */
    public static final int DEFAULT_HISTORY = 100;

    private final Executor executor;
    /** Runs file uploads, which can take long, apart from the requests above. */
    private final Executor uploads;

    private final Map<String, Integer> historySizes = new ConcurrentHashMap<>();

    /** {@code executor} runs the requests; tests pass {@code Runnable::run} to run them inline. */
    public DaemonWorker(DaemonApi daemon, Consumer<UiEvent> sink, Executor executor) {
        this(daemon, sink, executor, executor);
    }

    private DaemonWorker(DaemonApi daemon, Consumer<UiEvent> sink, Executor executor, Executor uploads) {
        this.daemon = daemon;
        this.sink = sink;
        this.executor = executor;
        this.uploads = uploads;
    }

    /** Matches listed by /search: a screenful or two, the newest. */
    static final int SEARCH_LIMIT = 100;

    public static DaemonWorker start(DaemonApi daemon, Consumer<UiEvent> sink) {
        return new DaemonWorker(
                daemon,
                sink,
                Executors.newSingleThreadExecutor(new DaemonThreads("torchat-send")),
                Executors.newSingleThreadExecutor(new DaemonThreads("torchat-upload")));
    }

    /** Reads the last {@code n} messages with {@code peer} (HISTORY); the view of that peer then shows them. */
    public void loadHistory(String peer, int n) {
        historySizes.put(peer, n);
        submit(() -> fetchHistory(peer));
    }

    /** Reads {@code peer}'s history again, as many messages as last time. */
    public void reloadHistory(String peer) {
        submit(() -> fetchHistory(peer));
    }

    private List<HistoryEntry> fetchHistory(String peer) {
        if (GroupBook.isGroup(peer)) {
            fetchGroupHistory(GroupBook.id(peer), historySizes.getOrDefault(peer, DEFAULT_HISTORY));
            return null;
        }
        try {
            List<HistoryEntry> entries = daemon.history(peer, historySizes.getOrDefault(peer, DEFAULT_HISTORY));
            sink.accept(new UiEvent.HistoryLoaded(peer, entries));
            return entries;
        } catch (TorchatException e) {
            sink.accept(new UiEvent.Notice("! reading the history: " + e.getMessage()));
        } catch (RuntimeException e) {
            sink.accept(new UiEvent.Notice("! reading the history failed: " + e));
        }
        return null;
    }

    /**
     * Reads the newest {@code n} messages with {@code peer} for their delivery marks only ({@link UiEvent.MarksLoaded}):
     * {@code n} covers the messages whose mark can still change, not the conversation.
     */
    public void refreshMarks(String peer, int n) {
        submit(() -> {
            try {
                sink.accept(new UiEvent.MarksLoaded(peer, daemon.history(peer, n)));
            } catch (TorchatException | RuntimeException e) {
                // the next change, or opening the conversation again, reads them; the poller reports a lost daemon
            }
        });
    }

    /** Asks the daemon to search (SEARCH); what it found is reported, or why it could not. */
    public void search(String peer, String text) {
        submit(() -> {
            try {
                sink.accept(new UiEvent.SearchFound(text, peer == null, daemon.search(peer, text, SEARCH_LIMIT)));
            } catch (TorchatException e) {
                sink.accept(new UiEvent.Notice("! search: " + e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.Notice("! search failed: " + e));
            }
        });
    }

    public void send(String peer, String text) {
        submit(() -> {
            try {
                if (GroupBook.isGroup(peer)) {
                    daemon.sendToGroup(GroupBook.id(peer), text);
                    fetchHistory(peer);
                    return;
                }
                daemon.send(peer, text);
                fetchHistory(peer); // shows it queued; its later marks follow the delivery token
            } catch (DaemonRefusedException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.reason()));
            } catch (TorchatException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.toString()));
            }
        });
    }

    /** Changes the contact list, says so (or why not), then reads the contacts and requests again. */
    public void changeContact(ContactChange change) {
        submit(() -> {
            try {
                ContactEntry after = daemon.changeContact(change);
                sink.accept(
                        new UiEvent.Notice(after.name() + (after.nickname() == null ? "" : " (" + after.address() + ")")
                                + ": " + change.kind().pastTense()));
                fetchContacts(false);
            } catch (DaemonRefusedException e) {
                sink.accept(new UiEvent.Notice("! " + e.reason()));
            } catch (TorchatException | RuntimeException e) {
                sink.accept(new UiEvent.Notice("! changing the contacts: " + e.getMessage()));
            }
        });
    }

    /**
     * Streams {@code file} to the daemon for {@code peer}, reporting progress (each whole percent) and then the
     * daemon's transfer list. Uploads run on their own thread, so a large file never holds up messages.
     */
    public void sendFile(String peer, Path file) {
        String name = String.valueOf(file.getFileName());
        submitUpload(() -> {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                sink.accept(new UiEvent.SendFailed(peer, "cannot send " + file + ": not a readable file"));
                return;
            }
            int[] shown = {-1};
            try {
                daemon.sendFile(peer, file, (sent, total) -> {
                    int percent = total == 0 ? 100 : (int) (sent * 100 / total);
                    if (percent != shown[0]) {
                        shown[0] = percent;
                        sink.accept(new UiEvent.UploadProgress(peer, name, sent, total, false));
                    }
                });
                refreshTransfers();
            } catch (DaemonRefusedException e) {
                sink.accept(new UiEvent.SendFailed(peer, "file " + name + " not sent: " + e.reason()));
            } catch (TorchatException e) {
                sink.accept(new UiEvent.SendFailed(peer, "file " + name + " not sent: " + e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.SendFailed(peer, "file " + name + " not sent: " + e));
            } finally {
                sink.accept(new UiEvent.UploadProgress(peer, name, 0, 0, true));
            }
        });
    }

    /** Tells the daemon the user is active; a failure only means the daemon is away for now. */
    public void activity() {
        submit(() -> {
            try {
                daemon.activity();
            } catch (TorchatException | RuntimeException e) {
                // the next long poll reports an unreachable daemon
            }
        });
    }

    private void fetchGroupHistory(String groupId, int n) {
        try {
            sink.accept(new UiEvent.GroupHistoryLoaded(groupId, daemon.groupHistory(groupId, n)));
        } catch (TorchatException | RuntimeException e) {
            sink.accept(new UiEvent.Notice("! reading the group: " + e.getMessage()));
        }
    }

    /** A step in a group: created, invited, joined... said, and the groups read again. */
    public void groupRequest(UiAction.GroupRequest request) {
        submit(() -> new GroupRequests(daemon, sink).run(request));
    }

    /** Reads the daemon's groups (GROUPS). */
    public void loadGroups() {
        submit(() -> {
            try {
                sink.accept(new UiEvent.GroupsLoaded(daemon.groups()));
            } catch (DaemonRefusedException e) {
                // a daemon from before groups: nothing to show
            } catch (TorchatException | RuntimeException e) {
                sink.accept(new UiEvent.Notice("! reading the groups: " + e.getMessage()));
            }
        });
    }

    /** Reads the contacts and the requests; {@code show}: also list them in the buffer (/contacts). */
    public void loadContacts(boolean show) {
        submit(() -> fetchContacts(show));
    }

    private void fetchContacts(boolean show) {
        try {
            sink.accept(new UiEvent.ContactsLoaded(daemon.contacts(), daemon.requests(), show));
        } catch (TorchatException | RuntimeException e) {
            sink.accept(new UiEvent.Notice("! reading the contacts: " + e.getMessage()));
        }
    }

    /** Accepts or refuses an incoming offer, then shows the transfers as they are now. */
    public void decideFile(String transferId, boolean accept) {
        submit(() -> {
            try {
                daemon.decideFile(transferId, accept);
                refreshTransfers();
            } catch (TorchatException e) {
                sink.accept(
                        new UiEvent.Notice("! " + (accept ? "/acceptfile" : "/rejectfile") + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.Notice("! " + (accept ? "/acceptfile" : "/rejectfile") + " failed: " + e));
            }
        });
    }

    private void refreshTransfers() throws TorchatException {
        sink.accept(new UiEvent.TransfersChanged(daemon.transfers()));
    }

    public void stopDaemon() {
        submit(() -> {
            try {
                daemon.stop();
                sink.accept(new UiEvent.DaemonStopped());
            } catch (TorchatException e) {
                sink.accept(new UiEvent.StopFailed(e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.StopFailed(e.toString()));
            }
        });
    }

    private void submitUpload(Runnable task) {
        try {
            uploads.execute(task);
        } catch (RejectedExecutionException e) {
            sink.accept(new UiEvent.Notice("! the client is shutting down"));
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            sink.accept(new UiEvent.Notice("! the client is shutting down"));
        }
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
        if (uploads != executor && uploads instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
