package org.torchat.tui.ui;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads with readable names: none of them may keep the JVM alive after the UI has gone. */
final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
