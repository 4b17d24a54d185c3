package org.torchat.daemon.testing.names;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host names the JDK resolved on a thread while it was being watched. Two ways feed it, so that the check runs on
 * every JDK the project supports: on 17 a security manager (its checkConnect(host, -1) is called exactly for a name
 * lookup); from 18 on, where a security manager is refused (and from 24 removed), a resolver provider
 * (src/test/java18, compiled by the jdk18+ profile, registered in META-INF/services) that sees every lookup.
 * One JVM-wide list because the JDK loads a resolver provider once for the whole JVM.
 */
public final class NameLookups {
    private static final List<Watch> WATCHES = Collections.synchronizedList(new ArrayList<>());
    private static volatile boolean providerInstalled;

    private NameLookups() {}

    /** A watch on one thread: the names it resolved until closed. */
    public static final class Watch implements AutoCloseable {
        private final Thread thread;
        private final List<String> names = Collections.synchronizedList(new ArrayList<>());

        private Watch(Thread thread) {
            this.thread = thread;
        }

        public List<String> names() {
            return List.copyOf(names);
        }

        @Override
        public void close() {
            WATCHES.remove(this);
        }
    }

    public static Watch watch(Thread thread) {
        Watch w = new Watch(thread);
        WATCHES.add(w);
        return w;
    }

    /** Called by whatever observes a lookup. */
    public static void resolved(String host) {
        Thread current = Thread.currentThread();
        synchronized (WATCHES) {
            for (Watch w : WATCHES) {
                if (w.thread == current) {
                    w.names.add(host);
                }
            }
        }
    }

    /** The JDK 18+ provider says it is the JVM's resolver. */
    public static void providerInstalled() {
        providerInstalled = true;
    }

    public static boolean isProviderInstalled() {
        return providerInstalled;
    }
}
