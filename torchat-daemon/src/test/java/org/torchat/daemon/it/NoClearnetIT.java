package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.FreePorts;
import org.torchat.daemon.testing.Processes;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * Issue 5, item 6: no traffic outside Tor. Two real torchatd JVMs (the shaded jar), each run under
 * {@code strace -f}, hold a full conversation (A sends to B, B answers, both read, both see their messages
 * delivered). Each daemon's SOCKS proxy is a {@link TestSocks5Server} on its own loopback alias (A: 127.0.0.2,
 * B: 127.0.0.3; Linux routes all of 127/8 to lo), so a connection to it cannot be confused with anything else.
 *
 * <p>Asserted from the syscall trace of each JVM and every process it started:
 * <ul>
 *   <li>every {@code connect}, {@code sendto}, {@code sendmsg} with an internet address (IPv4 or IPv6, including
 *       IPv4-mapped IPv6, which is how Java's dual-stack sockets connect) went to that daemon's SOCKS address and
 *       nowhere else: no other host, no port 53 (DNS over UDP or TCP), not the other daemon's SOCKS proxy;</li>
 *   <li>no name was resolved locally: the trace never opens {@code /etc/hosts}, {@code /etc/resolv.conf},
 *       {@code /etc/host.conf}, {@code /etc/gai.conf} or an NSS host-lookup module ({@code libnss_dns},
 *       {@code libnss_resolve}, {@code libnss_mdns*}, {@code libnss_myhostname}), which glibc's
 *       {@code getaddrinfo} (and so Java's {@code InetAddress}) reads for any lookup;</li>
 *   <li>the programs the JVM executed are only the JVM's own helpers ({@code jspawnhelper}, and {@code uname},
 *       which sqlite-jdbc runs once to tell Android from Linux);</li>
 *   <li>and, from the SOCKS side, every CONNECT asked for the peer's onion by name (address type 3).</li>
 * </ul>
 *
 * <p>Limits of the check: it sees the daemon's own syscalls, not a system service it might ask through a local
 * socket. The JVM connects to nscd's Unix socket for user lookups ({@code user.name}); with an nscd that caches
 * hosts, a lookup answered by nscd would not open /etc/hosts. This test therefore records every Unix-socket connect
 * and allows only nscd's, and CI machines have no nscd (the connect fails with ENOENT). Traffic of another process
 * (a tor the daemon runs) is out of scope here: the daemons run with {@code --socks} (tor mode none), so there is
 * no tor control connection; the SOCKS address is the only way out. The test needs strace and the right to
 * ptrace a child (.ci/run installs strace); without them it is skipped with a message.
 */
class NoClearnetIT {
    private static final Pattern INET = Pattern.compile(
            "^(\\d+)\\s+(connect|sendto|sendmsg|sendmmsg)\\(.*sa_family=AF_INET6?,\\s*sin6?_port=htons\\((\\d+)\\),"
                    + ".*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6,\\s*\"([^\"]+)\")");
    private static final Pattern UNIX = Pattern.compile("sa_family=AF_UNIX, sun_path=\"([^\"]*)\"");
    private static final Pattern OPEN = Pattern.compile("open(?:at)?\\(.*?\"([^\"]+)\"");
    private static final Pattern EXEC = Pattern.compile("execve\\(\"([^\"]+)\".*= 0$");
    private static final List<String> RESOLVER_FILES = List.of(
            "/etc/hosts",
            "/etc/resolv.conf",
            "/etc/host.conf",
            "/etc/gai.conf",
            "libnss_dns",
            "libnss_resolve",
            "libnss_mdns",
            "libnss_myhostname",
            "libresolv");
    private static final Set<String> ALLOWED_PROGRAMS = Set.of("java", "jspawnhelper", "uname");

    @TempDir
    Path tmp;

    @Test
    void twoDaemonsTalkOnlyThroughTheirSocksProxies() throws Exception {
        assumeTrue(straceWorks(), "strace is not installed or cannot trace here: install it (.ci/run does)");
        try (TestSocks5Server socksA = new TestSocks5Server(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}));
                TestSocks5Server socksB = new TestSocks5Server(InetAddress.getByAddress(new byte[] {127, 0, 0, 3}));
                Traced a = new Traced(tmp, "a", socksA.address());
                Traced b = new Traced(tmp, "b", socksB.address())) {
            a.start();
            b.start();
            socksA.map(b.onion, b.peerPort);
            socksB.map(a.onion, a.peerPort);

            // A full conversation: A -> B, B reads, B -> A, A reads; both see their message delivered.
            a.client().send(b.onion, "hello B, over Tor only");
            Message atB = Await.until(() -> b.client().update(a.onion), Optional::isPresent, Duration.ofSeconds(30))
                    .orElseThrow();
            assertEquals("hello B, over Tor only", atB.msg());
            b.client().send(a.onion, "hello A, same here");
            Message atA = Await.until(() -> a.client().update(b.onion), Optional::isPresent, Duration.ofSeconds(30))
                    .orElseThrow();
            assertEquals("hello A, same here", atA.msg());
            for (Traced sender : List.of(a, b)) {
                String peer = sender == a ? b.onion : a.onion;
                Await.until(() -> lastStatus(sender.client(), peer), "delivered"::equals, Duration.ofSeconds(30));
            }
            assertEquals(
                    List.of(3, 3),
                    List.of(
                            socksA.requests().get(0).addressType(),
                            socksB.requests().get(0).addressType()));
            assertTrue(
                    socksA.requests().stream()
                            .allMatch(r -> r.addressType() == 3 && r.host().equals(b.onion)),
                    "A's CONNECTs: " + socksA.requests());
            assertTrue(
                    socksB.requests().stream()
                            .allMatch(r -> r.addressType() == 3 && r.host().equals(a.onion)),
                    "B's CONNECTs: " + socksB.requests());

            a.client().exit();
            b.client().exit();
            a.awaitExit();
            b.awaitExit();

            a.assertOnlyTor("127.0.0.2", socksA.port());
            b.assertOnlyTor("127.0.0.3", socksB.port());
        }
    }

    private static String lastStatus(DaemonClient client, String peer) throws Exception {
        List<Message> frames = client.requestUntilEnd(Message.of(Command.HISTORY, peer, 8000, "10"));
        return frames.stream()
                .filter(m -> m.cmd() == Command.HISTORY)
                .filter(m -> m.extension("direction")
                        .map(d -> d.asText().equals("out"))
                        .orElse(false))
                .map(m -> m.extension("status").map(s -> s.asText()).orElse("?"))
                .reduce((first, second) -> second)
                .orElse("none");
    }

    private static boolean straceWorks() {
        try {
            Process p = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=connect", "-o", "/dev/null", "true")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The check itself, on strace output lines; tested against a real lookup below, so it cannot pass vacuously. */
    record TraceCheck(
            int lines,
            int toSocks,
            List<String> elsewhere,
            Set<String> destinations,
            List<String> resolver,
            Set<String> unix,
            Set<String> programs) {
        static TraceCheck of(List<String> lines, String socksHost, int socksPort) {
            List<String> elsewhere = new ArrayList<>();
            Set<String> destinations = new TreeSet<>();
            List<String> resolver = new ArrayList<>();
            Set<String> unix = new TreeSet<>();
            Set<String> programs = new TreeSet<>();
            int toSocks = 0;
            for (String line : lines) {
                Matcher inet = INET.matcher(line);
                if (inet.find()) {
                    String host = inet.group(4) != null ? inet.group(4) : inet.group(5);
                    if (host.startsWith("::ffff:")) {
                        host = host.substring("::ffff:".length());
                    }
                    int port = Integer.parseInt(inet.group(3));
                    destinations.add(inet.group(2) + " " + host + ":" + port);
                    if (host.equals(socksHost) && port == socksPort) {
                        toSocks++;
                    } else {
                        elsewhere.add(line);
                    }
                    continue;
                }
                if (line.contains("sa_family=AF_INET")) {
                    elsewhere.add(line); // an internet address in a form the pattern does not know: count it
                    continue;
                }
                Matcher u = UNIX.matcher(line);
                if (u.find()) {
                    unix.add(u.group(1));
                }
                Matcher exec = EXEC.matcher(line);
                if (exec.find()) {
                    programs.add(Path.of(exec.group(1)).getFileName().toString());
                    continue;
                }
                Matcher open = OPEN.matcher(line);
                if (open.find() && !line.contains("ENOENT")) {
                    String path = open.group(1);
                    if (RESOLVER_FILES.stream().anyMatch(path::contains)) {
                        resolver.add(line);
                    }
                }
            }
            return new TraceCheck(lines.size(), toSocks, elsewhere, destinations, resolver, unix, programs);
        }

        String summary() {
            return lines + " traced syscalls; internet destinations " + destinations + "; unix sockets " + unix
                    + "; programs " + programs + (resolver.isEmpty() ? "" : "; resolver files " + resolver);
        }
    }

    @Test
    void theCheckSeesALocalNameLookupAndAConnectionElsewhere() throws Exception {
        assumeTrue(straceWorks(), "strace is not installed or cannot trace here: install it (.ci/run does)");
        // getent resolves through glibc's getaddrinfo, as Java's InetAddress does: it must trip the check. The name
        // is localhost, so the lookup is answered from /etc/hosts and sends nothing anywhere.
        Path out = tmp.resolve("getent.strace");
        Process p = new ProcessBuilder(
                        "strace",
                        "-f",
                        "-qq",
                        "-e",
                        "trace=connect,sendto,sendmsg,sendmmsg,open,openat,execve",
                        "-o",
                        out.toString(),
                        "getent",
                        "ahosts",
                        "localhost")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("getent.out").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        TraceCheck lookup = TraceCheck.of(Files.readAllLines(out, StandardCharsets.UTF_8), "127.0.0.2", 9050);
        assertFalse(lookup.resolver().isEmpty(), "a lookup must be seen: " + lookup.summary());
        System.out.println("NoClearnetIT negative control (getent ahosts): " + lookup.summary() + "; elsewhere "
                + lookup.elsewhere());

        TraceCheck synthetic = TraceCheck.of(
                List.of(
                        "101 connect(12, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:93.184.216.34\", &sin6_addr), sin6_scope_id=0}, 28) = -1 EINPROGRESS",
                        "101 connect(13, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"127.0.0.53\")}, 16) = 0",
                        "101 sendto(14, \"x\", 1, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"8.8.8.8\")}, 16) = 1",
                        "101 connect(15, {sa_family=AF_INET6, sin6_port=htons(9050), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:127.0.0.2\", &sin6_addr), sin6_scope_id=0}, 28) = 0",
                        "101 openat(AT_FDCWD, \"/etc/resolv.conf\", O_RDONLY|O_CLOEXEC) = 5"),
                "127.0.0.2",
                9050);
        assertEquals(3, synthetic.elsewhere().size(), synthetic.summary());
        assertEquals(1, synthetic.toSocks(), synthetic.summary());
        assertEquals(1, synthetic.resolver().size(), synthetic.summary());
    }

    /** A torchatd JVM under strace. */
    private static final class Traced implements AutoCloseable {
        final String name;
        final Path trace;
        final Path log;
        final Path ready;
        final int controlPort = FreePorts.nextOutsideEphemeralRange();
        final int peerPort;
        final List<String> command;
        Process process;
        String onion;

        Traced(Path tmp, String name, String socks) throws IOException {
            this.name = name;
            Path dataDir = Files.createDirectories(tmp.resolve(name));
            this.trace = tmp.resolve(name + ".strace");
            this.log = tmp.resolve(name + ".log");
            this.ready = tmp.resolve(name + ".ready");
            int peer;
            do {
                peer = FreePorts.nextOutsideEphemeralRange();
            } while (peer == controlPort);
            this.peerPort = peer;
            List<String> java = Processes.torchatd(
                            log,
                            "--data-dir",
                            dataDir.toString(),
                            "--socks",
                            socks,
                            "--peer-port",
                            String.valueOf(peerPort),
                            "--ready-file",
                            ready.toString(),
                            String.valueOf(controlPort))
                    .command();
            command = new ArrayList<>(List.of(
                    "strace",
                    "-f",
                    "-qq",
                    "-e",
                    "trace=connect,sendto,sendmsg,sendmmsg,open,openat,execve",
                    "-o",
                    trace.toString()));
            command.addAll(java);
        }

        void start() throws Exception {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Processes.awaitFile(ready, process, 90);
            for (String line : Files.readAllLines(ready, StandardCharsets.UTF_8)) {
                if (line.startsWith("onion=")) {
                    onion = line.substring("onion=".length()).strip();
                }
            }
            assertTrue(onion != null && onion.endsWith(".onion"), name + " ready file: " + Files.readString(ready));
        }

        DaemonClient client() {
            return new DaemonClient("127.0.0.1", controlPort);
        }

        void awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " did not exit");
        }

        void assertOnlyTor(String socksHost, int socksPort) throws IOException {
            List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
            TraceCheck check = TraceCheck.of(lines, socksHost, socksPort);
            String summary = name + ": " + check.summary();
            System.out.println("NoClearnetIT " + summary);
            assertTrue(check.toSocks() >= 1, "the trace must show the connection to the SOCKS proxy: " + summary);
            assertEquals(List.of(), check.elsewhere(), "connections outside Tor's SOCKS port; " + summary);
            assertEquals(List.of(), check.resolver(), "local name resolution; " + summary);
            assertTrue(
                    check.unix().stream()
                            .allMatch(p -> p.equals("/var/run/nscd/socket") || p.equals("/run/nscd/socket")),
                    "unix sockets other than nscd's: " + summary);
            assertTrue(ALLOWED_PROGRAMS.containsAll(check.programs()), "unexpected programs: " + summary);
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
