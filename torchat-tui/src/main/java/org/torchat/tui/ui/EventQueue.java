package org.torchat.tui.ui;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The only channel from background threads to the UI thread (an invokeLater that carries data): background
 * threads {@link #post} events, the UI thread takes them and applies them to its state.
 */
public final class EventQueue {
    private final BlockingQueue<UiEvent> queue = new LinkedBlockingQueue<>();

    /** Any thread. */
    public void post(UiEvent event) {
        queue.add(event);
    }

    /** UI thread: the next event if one is waiting. */
    public Optional<UiEvent> poll() {
        return Optional.ofNullable(queue.poll());
    }

    /** UI thread: waits up to {@code millis} for the next event. */
    public Optional<UiEvent> await(long millis) throws InterruptedException {
        return Optional.ofNullable(queue.poll(millis, TimeUnit.MILLISECONDS));
    }
}
