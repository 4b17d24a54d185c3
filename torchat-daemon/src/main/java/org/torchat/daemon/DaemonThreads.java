package org.torchat.daemon;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads with readable names: none of them may keep the JVM alive once the daemon has stopped. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... for a pool. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> named(r, prefix + "-" + count.incrementAndGet());
    }

    /** One thread named {@code name}, not yet started. */
    public static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
