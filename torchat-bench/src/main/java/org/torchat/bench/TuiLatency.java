package org.torchat.bench;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;
import org.torchat.tui.daemon.DaemonConnection;
import org.torchat.tui.ui.ChatState;
import org.torchat.tui.ui.DaemonPoller;
import org.torchat.tui.ui.DaemonWorker;
import org.torchat.tui.ui.EventQueue;
import org.torchat.tui.ui.TuiApp;

/**
 * From a message reaching the daemon to its text on the terminal client's screen. A real daemon, the real client
 * (its UI loop, long-polling poller and worker, over the control port) on a virtual terminal with the
 * conversation with the sender open, and a peer's signed RECV written to the daemon's peer port. Measured from
 * just before the frame is written to the flush of the first screen that shows the text: the daemon's checks
 * and commit, the waiting GET_PEERS returning, UPDATE, and the redraw. Two paths in one run, rounds alternating:
 * "before" (the client reads the conversation again for every message, as before issue 14) and "after" (a signed
 * message is appended as UPDATE delivered it).
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.TuiLatency [messages]
 * [rounds]} (defaults 200 3): each round prints its percentiles, then the median [min-max] of the rounds'.
 */
public final class TuiLatency {
    private static final long PAUSE_MILLIS = 20;

    private TuiLatency() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("torchat-tui-latency");
        Ed25519Identity bob = Ed25519Identity.generate();
        try (TestSocks5Server socks = new TestSocks5Server();
                TestDaemon alice = TestDaemon.start(
                        TestDaemon.newDataDir(tmp, "alice"),
                        socks.address(),
                        "recvrate: 10000",
                        "recvburst: 10000",
                        "strangerrate: 10000",
                        "strangerburst: 10000")) {
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(110, 32));
            ScreenWatch watch = new ScreenWatch(terminal);
            terminal.addVirtualTerminalListener(watch);
            // A contact: a stranger's message would wait among the requests instead.
            alice.client().changeContact(Command.ADD_CONTACT, bob.onionAddress().hostname(), "bob");
            ArrivalPathSwitch daemon =
                    new ArrivalPathSwitch(new DaemonConnection("127.0.0.1", alice.controlPort(), null));
            ChatState state = ChatState.start(daemon.host(), List.of());
            state.selectPeer(bob.onionAddress().hostname());
            EventQueue events = new EventQueue();
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            try (DaemonPoller poller = new DaemonPoller(daemon, events::post, DaemonPoller.DEFAULT_WAIT);
                    DaemonWorker worker = DaemonWorker.start(daemon, events::post)) {
                poller.start();
                Thread ui = new Thread(() -> runQuietly(new TuiApp(screen, state, events, worker)), "tui");
                ui.setDaemon(true);
                ui.start();
                String[] paths = {"before (re-read)", "after (append)"};
                List<List<Double>> p50s = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
                List<List<Double>> p99s = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
                for (int round = 0; round <= rounds; round++) { // round 0 warms up both paths
                    for (int path = 0; path < 2; path++) {
                        daemon.reread = path == 0;
                        double[] millis = new double[round == 0 ? 50 : messages];
                        for (int i = 0; i < millis.length; i++) {
                            millis[i] = deliver(alice, bob, "m" + round + "p" + path + "x" + i + "y", watch);
                            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
                        }
                        if (round > 0) {
                            Stats stats = new Stats(millis);
                            p50s.get(path).add(stats.percentile(50));
                            p99s.get(path).add(stats.percentile(99));
                            System.out.println("round " + round + ", " + paths[path]
                                    + ": RECV written -> text on screen: " + stats.describe("ms"));
                        }
                    }
                }
                for (int path = 0; path < 2; path++) {
                    System.out.printf(
                            Locale.ROOT,
                            "%s, median [min-max] of %d rounds: p50 %s ms, p99 %s ms%n",
                            paths[path],
                            rounds,
                            Footprint.spread(p50s.get(path), Double::doubleValue, "%.1f"),
                            Footprint.spread(p99s.get(path), Double::doubleValue, "%.1f"));
                }
            }
            screen.stopScreen();
        } finally {
            TempFiles.deleteTree(tmp);
        }
    }

    private static void runQuietly(TuiApp app) {
        try {
            app.run();
        } catch (Exception e) {
            throw new IllegalStateException("the client's UI loop failed", e);
        }
    }

    private static double deliver(TestDaemon alice, Ed25519Identity bob, String text, ScreenWatch watch)
            throws Exception {
        OnionAddress from = bob.onionAddress();
        String mid = String.format("%032x", System.nanoTime());
        long ts = System.currentTimeMillis();
        byte[] sig = MessageSignatures.sign(bob, new SignedFields(from, alice.address(), mid, ts, text));
        byte[] frame = Wire.frame("{\"cmd\":\"RECV\",\"id\":\"" + from.hostname() + "\",\"mid\":\"" + mid
                + "\",\"msg\":\"" + text + "\",\"portno\":80,\"proto\":2,\"sig\":\"" + MessageSignatures.toBase64(sig)
                + "\",\"ts\":" + ts + "}");
        CountDownLatch shown = watch.expect(text);
        long start = System.nanoTime();
        String reply = Wire.exchange(alice.peerPort(), frame);
        if (!reply.contains("END")) {
            throw new IllegalStateException("the daemon did not accept the message: " + reply);
        }
        if (!shown.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("'" + text + "' did not appear on the screen within 10 s");
        }
        return (watch.shownAt() - start) / 1e6;
    }

    /** Looks for the expected text in every flushed screen (on the UI thread, which flushes). */
    private static final class ScreenWatch implements VirtualTerminalListener {
        private final DefaultVirtualTerminal terminal;
        private final AtomicReference<String> expected = new AtomicReference<>();
        private final AtomicLong shownAt = new AtomicLong();
        private volatile CountDownLatch latch = new CountDownLatch(0);

        ScreenWatch(DefaultVirtualTerminal terminal) {
            this.terminal = terminal;
        }

        CountDownLatch expect(String text) {
            latch = new CountDownLatch(1);
            expected.set(text);
            return latch;
        }

        long shownAt() {
            return shownAt.get();
        }

        @Override
        public void onFlush() {
            String text = expected.get();
            if (text == null || !screenText().contains(text)) {
                return;
            }
            shownAt.set(System.nanoTime());
            expected.set(null);
            latch.countDown();
        }

        private String screenText() {
            StringBuilder b = new StringBuilder();
            TerminalSize size = terminal.getTerminalSize();
            for (int row = 0; row < size.getRows(); row++) {
                for (int column = 0; column < size.getColumns(); column++) {
                    b.append(terminal.getCharacter(column, row).getCharacterString());
                }
                b.append('\n');
            }
            return b.toString();
        }

        @Override
        public void onBell() {}

        @Override
        public void onClose() {}

        @Override
        public void onResized(Terminal t, TerminalSize newSize) {}
    }
}
