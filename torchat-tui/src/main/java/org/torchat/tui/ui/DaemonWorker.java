package org.torchat.tui.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;

/**
 * Runs the requests the user asked for (SEND, EXIT) off the UI thread, one at a time and in order, so that a
 * SEND that waits for Tor never freezes the screen and messages to a peer leave in the order typed. Outcomes
 * go to the sink as {@link UiEvent}s.
 */
public final class DaemonWorker implements AutoCloseable {
    private final DaemonApi daemon;
    private final Consumer<UiEvent> sink;
    private final Executor executor;

    /** {@code executor} runs the requests; tests pass {@code Runnable::run} to run them inline. */
    public DaemonWorker(DaemonApi daemon, Consumer<UiEvent> sink, Executor executor) {
        this.daemon = daemon;
        this.sink = sink;
        this.executor = executor;
    }

    public static DaemonWorker start(DaemonApi daemon, Consumer<UiEvent> sink) {
        return new DaemonWorker(daemon, sink, Executors.newSingleThreadExecutor(new DaemonThreads("torchat-send")));
    }

    public void send(String peer, String text) {
        submit(() -> {
            try {
                daemon.send(peer, text);
            } catch (DaemonRefusedException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.reason()));
            } catch (TorchatException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.getMessage()));
            } catch (RuntimeException e) {
                sink.accept(new UiEvent.SendFailed(peer, e.toString()));
            }
        });
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
    }
}
