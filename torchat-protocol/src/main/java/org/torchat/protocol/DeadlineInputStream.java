package org.torchat.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with one deadline for everything read through it: before each read the socket timeout is
 * set to the time left, so a peer that trickles one byte at a time cannot hold a connection open forever.
 */
public final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final Duration budget;
    private volatile long deadlineNanos;
    private volatile boolean cutShort;

    public DeadlineInputStream(Socket socket, Duration budget) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Gives the next read the whole budget again: a connection that streams frames has the budget per frame. */
    public void renew() {
        renew(budget);
    }

    /** Gives the next read {@code time}, instead of the usual budget: a session waits a heartbeat for its next frame. */
    public void renew(Duration time) {
        deadlineNanos = System.nanoTime() + time.toNanos();
    }

    /**
     * Ends the deadline now, from another thread: a read blocked on the socket wakes (its input is shut down) and
     * fails as a timeout, so the reader answers as it does to any peer that ran out of time.
     */
    public void cutShort() {
        cutShort = true;
        deadlineNanos = System.nanoTime();
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            // already closed: the reader fails on its own
        }
    }

    @Override
    public int read() throws IOException {
        armTimeout();
        return afterRead(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        armTimeout();
        return afterRead(super.read(b, off, len));
    }

    private int afterRead(int result) throws SocketTimeoutException {
        if (result < 0 && cutShort) {
            throw new SocketTimeoutException("read deadline cut short");
        }
        return result;
    }

    private void armTimeout() throws IOException {
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0 || cutShort) {
            throw new SocketTimeoutException("read deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }
}
