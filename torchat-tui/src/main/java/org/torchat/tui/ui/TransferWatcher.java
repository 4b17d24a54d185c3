package org.torchat.tui.ui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.torchat.protocol.Extensions;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;
import org.torchat.tui.daemon.TransferEntry;

/**
 * Keeps the screen's file transfers current. A daemon that sends the {@code delivery} change token (it moves with
 * every transfer's state and progress) is asked for TRANSFERS only when {@link #nudge()}d, at most every
 * {@link #ACTIVE}: an idle client asks nothing. One that does not is polled, every {@link #ACTIVE} while a transfer
 * is moving (for its progress bar), every {@link #IDLE} otherwise (to show new offers). Only changes are reported.
 * A daemon that does not know TRANSFERS (an older one) is not asked again. Runs on its own thread and touches no UI
 * state.
 */
public final class TransferWatcher implements AutoCloseable {
    static final Duration ACTIVE = Duration.ofSeconds(1);
    static final Duration IDLE = Duration.ofSeconds(5);

    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("torchat-transfers"));
    /** Confined to the timer thread. */
    private List<TransferEntry> last;
    /** Confined to the timer thread: the next look planned (null: none), when the last one began. */
    private ScheduledFuture<?> planned;

    private long lastLookNanos;
    private boolean stopped;

    public TransferWatcher(DaemonApi daemon, Consumer<UiEvent> sink) {
        this.daemon = daemon;
        this.sink = sink;
    }

    public void start() {
        nudge();
    }

    /** The daemon's delivery token moved: a transfer may have changed. Looks soon, but not more than once an ACTIVE. */
    public void nudge() {
        try {
            timer.execute(() -> {
                if (planned == null && !stopped) {
                    long since = System.nanoTime() - lastLookNanos;
                    plan(lastLookNanos == 0 ? Duration.ZERO : ACTIVE.minusNanos(Math.min(since, ACTIVE.toNanos())));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void plan(Duration pause) {
        try {
            planned = timer.schedule(this::look, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void look() {
        planned = null;
        lastLookNanos = System.nanoTime();
        Duration next = checkOnce();
        if (next == null) {
            stopped = true;
        } else if (daemon.changeToken(Extensions.DELIVERY_VERSION).isEmpty()) {
            plan(next); // no token to wake us: poll
        }
    }

    /** One look at the daemon's transfers; returns the pause before the next, or null to stop looking. */
    Duration checkOnce() {
        try {
            List<TransferEntry> now = daemon.transfers();
            if (!now.equals(last)) {
                last = now;
                sink.accept(new UiEvent.TransfersChanged(now));
            }
            return now.stream().anyMatch(TransferWatcher::moving) ? ACTIVE : IDLE;
        } catch (DaemonRefusedException e) {
            // Only a daemon without file transfer stops the watching; any other refusal may pass.
            return e.reason().contains("unknown command") ? null : IDLE;
        } catch (TorchatException | RuntimeException e) {
            return IDLE; // the daemon is away: the poller tells the user
        }
    }

    private static boolean moving(TransferEntry t) {
        return !t.finished() && !t.awaitsAnswer();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
