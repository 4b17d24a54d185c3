package org.torchat.tui.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.torchat.tui.DaemonUnreachableException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * Fetches new messages as the seed's client does: every {@link #DEFAULT_INTERVAL}, GET_PEERS, then UPDATE for
 * each peer until END. Runs on its own thread and touches no UI state: results go to the sink (the UI thread's
 * {@link EventQueue}). Only changes are reported: new messages, the daemon going away or coming back.
 */
public final class DaemonPoller implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    /** Per peer and round, so that a flood from one peer cannot starve the screen. */
    static final int MAX_PER_PEER_PER_ROUND = 200;

    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;
    private final Duration interval;
    private ScheduledExecutorService executor;

    // Confined to the polling thread (successive runs of one single-thread executor).
    private boolean reachable = true;
    private String lastProblem;

    public DaemonPoller(DaemonApi daemon, Consumer<UiEvent> sink, Duration interval) {
        this.daemon = daemon;
        this.sink = sink;
        this.interval = interval;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("torchat-poller"));
        executor.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round. Public so that tests can run rounds on their own thread, one at a time. */
    public void pollOnce() {
        List<IncomingMessage> arrived = new ArrayList<>();
        try {
            for (String peer : daemon.peersWithUnread()) {
                Optional<IncomingMessage> next;
                int n = 0;
                while (n++ < MAX_PER_PEER_PER_ROUND && (next = daemon.popUnread(peer)).isPresent()) {
                    arrived.add(next.get());
                }
            }
            if (!reachable) {
                reachable = true;
                sink.accept(new UiEvent.DaemonStatus(null));
            }
            lastProblem = null;
        } catch (DaemonUnreachableException e) {
            if (reachable) {
                reachable = false;
                sink.accept(new UiEvent.DaemonStatus(e.getMessage()));
            }
        } catch (TorchatException e) {
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                sink.accept(new UiEvent.Notice("! fetching messages: " + e.getMessage()));
            }
        } catch (RuntimeException e) {
            sink.accept(new UiEvent.Notice("! fetching messages failed: " + e));
        } finally {
            // Messages already popped are shown even when a later request failed: the daemon forgot them.
            if (!arrived.isEmpty()) {
                sink.accept(new UiEvent.MessagesArrived(arrived));
            }
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
