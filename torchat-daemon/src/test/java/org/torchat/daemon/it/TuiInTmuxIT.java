package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.Processes;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;

/**
 * The real {@code bin/torchat}, as a user runs it: in a shell inside tmux, attached to a real daemon, talking to
 * a second daemon. Keys go in with send-keys, the screen comes back with capture-pane.
 */
class TuiInTmuxIT {
    private static final String SOCKET = "torchat-it-" + ProcessHandle.current().pid();
    private static final String SESSION = "tui";

    @TempDir
    Path tmp;
    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void start() throws Exception {
        boolean tmux = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        if (!tmux) {
            System.err.println("SKIPPED TuiInTmuxIT: tmux is not installed (apt-get install tmux)");
        }
        Assumptions.assumeTrue(tmux, "TuiInTmuxIT skipped: tmux is not installed");
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "strangers: allow");
        bob = TestDaemon.startReachable(tmp, "bob", socks, "strangers: allow");
        tmux("new-session", "-d", "-s", SESSION, "-x", "110", "-y", "32", "env PS1='READY$ ' bash --norc --noprofile");
        Await.until(this::screen, s -> s.contains("READY$"));
    }

    @AfterEach
    void stop() throws Exception {
        new ProcessBuilder("tmux", "-L", SOCKET, "kill-server").start().waitFor();
        if (alice != null) {
            alice.close();
            bob.close();
            socks.close();
        }
    }

    @Test
    void aConversationWithAnotherDaemonAndACleanQuit() throws Exception {
        String bin = Processes.repository().resolve("bin/torchat").toString();
        long t0 = System.nanoTime();
        keys(bin + " 127.0.0.1 " + alice.controlPort(), "Enter");
        String first = Await.until(this::screen, s -> s.contains("Onion Address:") && s.contains("TORchat Address:"),
                Duration.ofSeconds(60));
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(first.contains(alice.address().hostname().substring(0, 30)), first);

        keys(bob.address().hostname(), "Enter");
        keys("hello bob, from the terminal", "Enter");
        Await.until(() -> bob.client().peersWithUnread(), l -> l.equals(List.of(alice.address().hostname())));
        assertEquals("hello bob, from the terminal", bob.client().update(alice.address().hostname()).orElseThrow().msg());

        long t1 = System.nanoTime();
        bob.client().send(alice.address().hostname(), "hi alice, bob here");
        String reply = Await.until(this::screen, s -> s.contains("hi alice, bob here"), Duration.ofSeconds(20));
        long screenMillis = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(reply.contains("hello bob, from the terminal"), reply);
        assertTrue(reply.contains("1. " + bob.address().hostname().substring(0, 27)), reply);
        long rssKb = tuiResidentKb();

        keys("/quit", "Enter");
        String after = Await.until(this::screen, s -> s.strip().endsWith("READY$"), Duration.ofSeconds(20));
        List<String> lines = after.strip().lines().toList();
        assertTrue(lines.stream().noneMatch(l -> l.contains("TORchat Address:")), "the full screen is gone:\n" + after);
        assertTrue(lines.stream().noneMatch(l -> l.contains("\u001b")), "no escape codes left behind:\n" + after);
        assertEquals("READY$", lines.get(lines.size() - 1).strip(), after);

        System.out.printf(Locale.ROOT, "TuiInTmuxIT: bin/torchat start -> first full screen %d ms; message SEND on bob -> "
                + "on alice's screen %d ms (two daemons, test SOCKS relay, long-poll); TUI resident memory %d MB%n",
                startMillis, screenMillis, rssKb / 1024);
    }

    private long tuiResidentKb() throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", "torchat.jar 127.0.0.1 " + alice.controlPort()).start();
        String pid = new String(p.getInputStream().readAllBytes()).strip().lines().findFirst().orElse("");
        if (pid.isEmpty()) {
            return -1;
        }
        return java.nio.file.Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(-1);
    }

    private void keys(String text, String key) throws Exception {
        tmux("send-keys", "-t", SESSION, "-l", text);
        tmux("send-keys", "-t", SESSION, key);
    }

    private String screen() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", SOCKET, "capture-pane", "-p", "-t", SESSION).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void tmux(String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "tmux";
        command[1] = "-L";
        command[2] = SOCKET;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
        }
    }
}
