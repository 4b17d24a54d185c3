package org.torchat.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.Permission;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.delivery.RetryPolicy;
import org.torchat.daemon.testing.names.NameLookups;

class SettingsTest {
    @TempDir
    Path dataDir;

    private static ConfigFile conf(String... lines) throws ConfigException {
        return ConfigFile.parse(Path.of("torchat.conf"), List.of(lines));
    }

    private Settings fromFile(String... lines) throws ConfigException {
        return new Settings.Builder().apply(conf(lines)).dataDir(dataDir).build();
    }

    private Settings defaults() {
        return new Settings.Builder().dataDir(dataDir).build();
    }

    /** Builds with one line of torchat.conf and checks that exactly the expected setting moved. */
    private void assertKeyChanges(String line, Consumer<Settings> check) throws ConfigException {
        Settings before = defaults();
        Settings after = fromFile(line);
        check.accept(after);
        assertTrue(!before.equals(after), "'" + line + "' changed nothing");
    }

    @Test
    void defaultsWhenNothingIsSet() {
        Settings s = defaults();

        assertEquals(8000, s.controlPort());
        assertEquals(8001, s.peerPort());
        assertEquals(new HostPort("127.0.0.1", 9250), s.socks());
        assertEquals("127.0.0.1", s.controlInterface().getHostAddress());
        assertEquals(9999, s.maxFramePayload());
        assertEquals("info.log", s.activityLogName());
        assertEquals("debug.log", s.debugLogName());
        assertEquals("error.log", s.errorLogName());
        assertFalse(s.logMessageText());
        assertEquals(dataDir.toAbsolutePath().normalize(), s.dataDir());
        assertFalse(s.ephemeral());
        assertEquals(1000, s.maxUnreadMessages());
        assertEquals(4L * 1024 * 1024, s.maxUnreadBytes());
        assertEquals(Duration.ofSeconds(5), s.retryDelay());
        assertEquals(Duration.ofHours(72), s.retryLimit());
    }

    @Test
    void theRetryDefaultsAreTheDocumentedPolicy() {
        Settings s = defaults();

        assertEquals(RetryPolicy.DEFAULT.firstDelay(), s.retryDelay());
        assertEquals(RetryPolicy.DEFAULT.giveUpAfter(), s.retryLimit());
    }

    @Test
    void thePeerPortFollowsTheControlPort() {
        assertEquals(
                9001,
                new Settings.Builder()
                        .controlPort(9000)
                        .dataDir(dataDir)
                        .build()
                        .peerPort());
        // There is no port above 65535, so the peer port goes below.
        assertEquals(
                65534,
                new Settings.Builder()
                        .controlPort(65535)
                        .dataDir(dataDir)
                        .build()
                        .peerPort());
    }

    @Test
    void maxconnections() throws Exception {
        assertKeyChanges("maxconnections: 16", s -> assertEquals(16, s.maxConnections()));
    }

    @Test
    void maxeventsIsTheListenBacklog() throws Exception {
        assertKeyChanges("maxevents: 10", s -> assertEquals(10, s.backlog()));
    }

    @Test
    void epolltimeoutIsTheTorConnectTimeoutInMilliseconds() throws Exception {
        assertKeyChanges("epolltimeout: 30000", s -> assertEquals(Duration.ofSeconds(30), s.torConnectTimeout()));
    }

    @Test
    void hostAndTorportMakeTheSocksAddress() throws Exception {
        assertKeyChanges("host: 10.0.0.7", s -> assertEquals(new HostPort("10.0.0.7", 9250), s.socks()));
        assertKeyChanges("torport: 9050", s -> assertEquals(new HostPort("127.0.0.1", 9050), s.socks()));
        assertEquals(
                new HostPort("localhost", 9150),
                fromFile("host: localhost", "torport: 9150").socks());
    }

    @Test
    void daemonportIsTheControlPortAndMovesThePeerPort() throws Exception {
        Settings s = fromFile("daemonport: 9100");

        assertEquals(9100, s.controlPort());
        assertEquals(9101, s.peerPort());
    }

    @Test
    void logNames() throws Exception {
        assertKeyChanges("loginfo: activity.txt", s -> assertEquals("activity.txt", s.activityLogName()));
        assertKeyChanges("logdebug: dbg.txt", s -> assertEquals("dbg.txt", s.debugLogName()));
        assertKeyChanges("logerror: err.txt", s -> assertEquals("err.txt", s.errorLogName()));
    }

    @Test
    void sockbufsizeIsTheLargestFramePayloadAccepted() throws Exception {
        assertKeyChanges("sockbufsize: 512", s -> assertEquals(512, s.maxFramePayload()));
        assertEquals(9999, fromFile("sockbufsize: 9999").maxFramePayload());
    }

    @Test
    void interfaceIsTheControlInterface() throws Exception {
        assertEquals(
                "127.0.0.1",
                fromFile("interface: INADDR_LOOPBACK").controlInterface().getHostAddress());
        assertEquals(
                "127.0.0.1", fromFile("interface: localhost").controlInterface().getHostAddress());
        assertEquals(
                "127.0.0.2", fromFile("interface: 127.0.0.2").controlInterface().getHostAddress());
        assertEquals(InetAddress.getByName("::1"), fromFile("interface: ::1").controlInterface());
    }

    @Test
    void peerport() throws Exception {
        assertKeyChanges("peerport: 7000", s -> assertEquals(7000, s.peerPort()));
        assertEquals(8000, fromFile("peerport: 7000").controlPort());
    }

    @Test
    void readtimeoutIsTheFrameDeadline() throws Exception {
        assertKeyChanges("readtimeout: 2500", s -> assertEquals(Duration.ofMillis(2500), s.frameDeadline()));
    }

    @Test
    void logmessages() throws Exception {
        assertKeyChanges("logmessages: yes", s -> assertTrue(s.logMessageText()));
        assertTrue(fromFile("logmessages: TRUE").logMessageText());
        assertFalse(fromFile("logmessages: off").logMessageText());
    }

    @Test
    void ephemeral() throws Exception {
        assertKeyChanges("ephemeral: true", s -> assertTrue(s.ephemeral()));
        assertFalse(fromFile("ephemeral: no").ephemeral());
        assertTrue(
                new Settings.Builder()
                        .apply(conf("ephemeral: false"))
                        .ephemeral(true)
                        .dataDir(dataDir)
                        .build()
                        .ephemeral(),
                "--ephemeral overrides the file");
    }

    @Test
    void maxunreadIsThePerPeerCapOfUnreadMessages() throws Exception {
        assertKeyChanges("maxunread: 50", s -> assertEquals(50, s.maxUnreadMessages()));
        assertEquals(1, fromFile("maxunread: 1").maxUnreadMessages());
        assertEquals(1_000_000, fromFile("maxunread: 1000000").maxUnreadMessages());
    }

    @Test
    void maxunreadbytesIsThePerPeerCapOfUnreadBytes() throws Exception {
        assertKeyChanges("maxunreadbytes: 65536", s -> assertEquals(65536L, s.maxUnreadBytes()));
        assertEquals(10_000L, fromFile("maxunreadbytes: 10000").maxUnreadBytes());
        assertEquals(
                (long) Integer.MAX_VALUE, fromFile("maxunreadbytes: 2147483647").maxUnreadBytes());
    }

    @Test
    void retrydelayIsTheFirstRetryDelayInMilliseconds() throws Exception {
        assertKeyChanges("retrydelay: 250", s -> assertEquals(Duration.ofMillis(250), s.retryDelay()));
        assertEquals(Duration.ofMillis(100), fromFile("retrydelay: 100").retryDelay());
        assertEquals(Duration.ofHours(1), fromFile("retrydelay: 3600000").retryDelay());
    }

    @Test
    void retrylimitIsTheGiveUpTimeInSeconds() throws Exception {
        assertKeyChanges("retrylimit: 3600", s -> assertEquals(Duration.ofHours(1), s.retryLimit()));
        assertEquals(Duration.ofSeconds(1), fromFile("retrylimit: 1").retryLimit());
        assertEquals(Duration.ofDays(365), fromFile("retrylimit: 31536000").retryLimit());
    }

    @Test
    void everyKnownKeyIsHandled() throws Exception {
        // A key listed in KEYS but missing from the switch would be accepted by ConfigFile and then blow up here.
        List<String> sample = List.of(
                "maxconnections: 3",
                "maxevents: 3",
                "epolltimeout: 3000",
                "host: 127.0.0.1",
                "torport: 3",
                "daemonport: 3",
                "loginfo: a",
                "logdebug: b",
                "logerror: c",
                "sockbufsize: 3",
                "interface: 127.0.0.1",
                "requiretoken: yes",
                "peerport: 4",
                "readtimeout: 300",
                "logmessages: on",
                "ephemeral: yes",
                "maxunread: 7",
                "maxunreadbytes: 12345",
                "retrydelay: 700",
                "retrylimit: 60",
                "tor: external",
                "torcontrol: 127.0.0.1:9251",
                "torcookie: /tmp/cookie",
                "torpassword: secret",
                "torrcextra: /tmp/extra",
                "powdefense: on",
                "powqueuerate: 5",
                "powqueueburst: 9",
                "maxstreams: 0",
                "requiresignatures: yes",
                "replaywindow: 7200",
                "maxclockskew: 60",
                "recvrate: 5",
                "recvburst: 2",
                "unsignedrate: 40",
                "unsignedburst: 9",
                "strangerrate: 50",
                "strangerburst: 20",
                "strangers: contacts",
                "maxrequests: 11",
                "requestmessages: 2",
                "requestbytes: 30000",
                "strangerquota: 400000",
                "requestexpiry: 3600",
                "logmaxsize: 50000",
                "logfiles: 4",
                "logwarnings: 7",
                "fileaccept: contacts",
                "fileautoacceptmax: 1234",
                "filemaxsize: 5000000000",
                "spoolquota: 9000000000",
                "sessions: no",
                "heartbeat: 1500",
                "connectparallel: 2",
                "connectpace: 40",
                "appearoffline: yes",
                "awayafter: 90",
                "sessionrate: 700",
                "sealhistory: yes",
                "groupmaxmembers: 12",
                "groupmaxbytes: 200000");
        assertEquals(
                Settings.KEYS,
                sample.stream().map(l -> l.substring(0, l.indexOf(':'))).toList());

        Settings s = fromFile(sample.toArray(String[]::new));

        assertTrue(s.requireControlToken());
        assertEquals(Strangers.CONTACTS, s.strangers());
        assertTrue(s.sealHistory());
        assertEquals(12, s.groupMaxMembers());
        assertEquals(200_000, s.groupMaxBytes());
        assertEquals(3, s.maxConnections());
        assertEquals(3, s.backlog());
        assertEquals(Duration.ofMillis(3000), s.torConnectTimeout());
        assertEquals(new HostPort("127.0.0.1", 3), s.socks());
        assertEquals(3, s.controlPort());
        assertEquals(4, s.peerPort());
        assertEquals("a", s.activityLogName());
        assertEquals("b", s.debugLogName());
        assertEquals("c", s.errorLogName());
        assertEquals(3, s.maxFramePayload());
        assertEquals(Duration.ofMillis(300), s.frameDeadline());
        assertTrue(s.logMessageText());
        assertTrue(s.ephemeral());
        assertEquals(7, s.maxUnreadMessages());
        assertEquals(12345L, s.maxUnreadBytes());
        assertEquals(Duration.ofMillis(700), s.retryDelay());
        assertEquals(TorMode.EXTERNAL, s.torMode());
        assertEquals(new HostPort("127.0.0.1", 9251), s.torControl());
        assertEquals(java.nio.file.Path.of("/tmp/cookie"), s.torCookie());
        assertEquals("secret", s.torPassword());
        assertEquals(java.nio.file.Path.of("/tmp/extra"), s.torrcExtra());
        assertEquals(new OnionDefences(OnionDefences.PowDefense.ON, 5, 9, 0), s.onionDefences());
        assertTrue(s.requireSignatures());
        assertEquals(Duration.ofSeconds(7200), s.replayWindow());
        assertEquals(Duration.ofSeconds(60), s.maxClockSkew());
        assertEquals(Duration.ofSeconds(60), s.retryLimit());
        assertEquals(FileAcceptance.CONTACTS, s.fileAccept());
        assertEquals(1234L, s.fileAutoAcceptMax());
        assertEquals(5_000_000_000L, s.fileMaxSize());
        assertEquals(9_000_000_000L, s.spoolQuota());
        assertEquals(
                new SessionSettings(
                        false, Duration.ofMillis(1500), 2, Duration.ofMillis(40), true, Duration.ofSeconds(90), 700),
                s.sessions());
        assertEquals(
                List.of(5, 2, 40, 9, 50, 20),
                List.of(
                        s.recvRate(),
                        s.recvBurst(),
                        s.unsignedRate(),
                        s.unsignedBurst(),
                        s.strangerRate(),
                        s.strangerBurst()));
        assertEquals(List.of(11, 2), List.of(s.maxRequests(), s.requestMessages()));
        assertEquals(List.of(30_000L, 400_000L, 50_000L), List.of(s.requestBytes(), s.strangerQuota(), s.logMaxSize()));
        assertEquals(Duration.ofHours(1), s.requestExpiry());
        assertEquals(4, s.logFiles());
        assertEquals(7, s.logWarnings());
    }

    @Test
    void theOldNamesOfTheSharedBudgetSetTheStrangersBudget() throws Exception {
        Settings s = fromFile("recvratetotal: 77", "recvbursttotal: 7");
        assertEquals(77, s.strangerRate());
        assertEquals(7, s.strangerBurst());
        assertEquals(600, s.unsignedRate(), "contacts that do not sign keep their own budget");
    }

    @Test
    void onionDefencesDefaultToProofOfWorkWhereTorCanAndSixteenStreams() throws Exception {
        assertEquals(
                new OnionDefences(OnionDefences.PowDefense.AUTO, 20, 200, 16),
                defaults().onionDefences());
        assertKeyChanges(
                "powdefense: off",
                s -> assertEquals(
                        OnionDefences.PowDefense.OFF, s.onionDefences().pow()));
        assertKeyChanges(
                "maxstreams: 65535", s -> assertEquals(65535, s.onionDefences().maxStreams()));
        ConfigException bad = assertThrows(ConfigException.class, () -> fromFile("powdefense: maybe"));
        assertTrue(bad.getMessage().contains("'maybe' is not one of auto, on, off"), bad.getMessage());
        assertThrows(ConfigException.class, () -> fromFile("maxstreams: 65536"));
        assertThrows(ConfigException.class, () -> fromFile("powqueuerate: 0"));
        // tor itself warns about a burst below the rate: refuse it at start, naming both keys
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromFile("powqueuerate: 300"));
        assertTrue(e.getMessage().contains("powqueueburst 200 must be at least powqueuerate (300)"), e.getMessage());
    }

    @Test
    void fileTransferDefaultsAskAndLimitSizes() {
        Settings s = new Settings.Builder().build();
        assertEquals(FileAcceptance.ASK, s.fileAccept());
        assertEquals(16L * 1024 * 1024, s.fileAutoAcceptMax());
        assertEquals(100L * 1024 * 1024, s.fileMaxSize());
        assertEquals(1024L * 1024 * 1024, s.spoolQuota());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "maxconnections: lots",
                "maxconnections: 0",
                "maxconnections: 10001",
                "maxconnections: -1",
                "maxevents: 0",
                "maxevents: 1.5",
                "epolltimeout: 999",
                "epolltimeout: 600001",
                "epolltimeout: 99999999999999999999",
                "torport: 0",
                "torport: 65536",
                "torport: ninety",
                "daemonport: 0",
                "daemonport: 70000",
                "peerport: 65536",
                "sockbufsize: 0",
                "sockbufsize: 10000",
                "readtimeout: 99",
                "logmessages: maybe",
                "loginfo: /var/log/info.log",
                "logdebug: ../debug.log",
                "logerror: logs\\error.log",
                "loginfo: ..",
                "ephemeral: maybe",
                "ephemeral: 2",
                "maxunread: 0",
                "maxunread: 1000001",
                "maxunread: many",
                "maxunreadbytes: 9999",
                "maxunreadbytes: 2147483648",
                "maxunreadbytes: 4MB",
                "unsignedrate: -1",
                "unsignedburst: 0",
                "strangerrate: many",
                "strangerburst: 0",
                "maxrequests: 0",
                "requestmessages: 0",
                "requestbytes: 9999",
                "strangerquota: 1k",
                "requestexpiry: 59",
                "logmaxsize: 9999",
                "logfiles: 0",
                "logfiles: 101",
                "logwarnings: 0",
                "retrydelay: 99",
                "retrydelay: 3600001",
                "retrydelay: 5s",
                "retrylimit: 0",
                "retrylimit: 31536001",
                "retrylimit: -5",
                "strangers: nobody",
                "fileaccept: sometimes",
                "fileautoacceptmax: -1",
                "filemaxsize: 0",
                "filemaxsize: 68719476737",
                "spoolquota: 0",
                "spoolquota: 1GB",
            })
    void badValuesNameFileLineAndKey(String line) {
        String key = line.substring(0, line.indexOf(':'));

        ConfigException e = assertThrows(ConfigException.class, () -> fromFile("# comment", line));

        assertTrue(e.getMessage().startsWith("torchat.conf:2: " + key + ": "), e.getMessage());
    }

    @Test
    void badValueMessagesSayWhatIsWrong() {
        assertMessage("'lots' is not a whole number", "maxconnections: lots");
        assertMessage("10000 is out of range 1..9999", "sockbufsize: 10000");
        assertMessage("port must be 1..65535, got 70000", "daemonport: 70000");
        assertMessage("'/var/log/info.log' must be a plain file name", "loginfo: /var/log/info.log");
        assertMessage("'maybe' is not true or false", "logmessages: maybe");
        assertMessage("9999 is out of range 10000..2147483647", "maxunreadbytes: 9999");
        assertMessage("0 is out of range 1..1000000", "maxunread: 0");
        assertMessage("'some' is not one of allow, requests, contacts", "strangers: some");
    }

    @Test
    void strangersAreKeptApartAsRequestsByDefault() throws Exception {
        assertEquals(Strangers.REQUESTS, fromFile("# nothing").strangers());
        assertEquals(Strangers.ALLOW, fromFile("strangers: Allow").strangers());
    }

    private void assertMessage(String expected, String line) {
        ConfigException e = assertThrows(ConfigException.class, () -> fromFile(line));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "INADDR_ANY", "inaddr_any", "192.168.1.10", "10.0.0.1", "::", "2001:db8::1"})
    void aNonLoopbackInterfaceIsAcceptedAndAlwaysRequiresTheToken(String value) throws Exception {
        Settings s = fromFile("interface: " + value);

        assertFalse(
                s.controlInterface().isLoopbackAddress(), s.controlInterface().toString());
        assertTrue(s.requireControlToken(), "beyond loopback the control token is required");
        assertTrue(
                fromFile("interface: " + value, "requiretoken: false").requireControlToken(),
                "requiretoken: false cannot switch the token off beyond loopback");
    }

    @Test
    void onLoopbackTheTokenIsOptionalUnlessRequiretoken() throws Exception {
        assertFalse(defaults().requireControlToken(), "the original client must keep working on loopback");
        assertFalse(fromFile("interface: 127.0.0.1", "requiretoken: no").requireControlToken());
        assertKeyChanges("requiretoken: true", s -> assertTrue(s.requireControlToken()));
        assertTrue(fromFile("interface: ::1", "requiretoken: on").requireControlToken());
        assertTrue(
                new Settings.Builder()
                        .requireToken(true)
                        .dataDir(dataDir)
                        .build()
                        .requireControlToken(),
                "--require-token");
    }

    @Test
    void listenOverridesTheInterfaceAndImpliesTheTokenBeyondLoopback() throws Exception {
        Settings s = new Settings.Builder()
                .apply(conf("interface: 127.0.0.1"))
                .listen("0.0.0.0")
                .dataDir(dataDir)
                .build();
        assertEquals("0.0.0.0", s.controlInterface().getHostAddress());
        assertTrue(s.requireControlToken());

        Settings back = new Settings.Builder()
                .apply(conf("interface: 10.0.0.1"))
                .listen("127.0.0.1")
                .dataDir(dataDir)
                .build();
        assertEquals("127.0.0.1", back.controlInterface().getHostAddress());
        assertFalse(back.requireControlToken());

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Settings.Builder().listen("myhost.example"));
        assertTrue(e.getMessage().startsWith("--listen: 'myhost.example' is not an IP address"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interface: 300.1.1.1", "interface: somehost", "requiretoken: maybe"})
    void badTokenSettingsNameFileAndLine(String line) {
        ConfigException e = assertThrows(ConfigException.class, () -> fromFile("# comment", line));

        assertTrue(
                e.getMessage().startsWith("torchat.conf:2: " + line.substring(0, line.indexOf(':')) + ": "),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "myhost",
                "example.com",
                "localhost.localdomain",
                "ip6-localhost",
                "999.1.1.1",
                "127.0.0.256",
                "g:h",
                "host.example:1"
            })
    void aNameAsInterfaceIsRefusedWithoutLookingItUp(String value) {
        List<String> lookups = nameLookupsDuring(() -> {
            ConfigException e = assertThrows(ConfigException.class, () -> fromFile("interface: " + value));
            assertTrue(e.getMessage().contains("'" + value + "' is not"), e.getMessage());
        });

        assertEquals(List.of(), lookups, "the interface value was looked up as a host name");
    }

    @Test
    void loopbackLiteralsNeedNoLookup() {
        List<String> lookups = nameLookupsDuring(() -> {
            fromFile("interface: 127.0.0.1");
            fromFile("interface: INADDR_LOOPBACK");
            fromFile("interface: ::1");
            fromFile("interface: [::1]");
        });

        assertEquals(List.of(), lookups);
    }

    /**
     * The host names the JDK was asked to resolve on this thread while {@code action} ran ({@link NameLookups}: a
     * security manager on JDK 17, a recording resolver provider from JDK 18 on). On a JDK where neither can watch,
     * the check fails rather than passing unseen.
     */
    private static List<String> nameLookupsDuring(Executable action) {
        try (AutoCloseable observer = observeLookups();
                NameLookups.Watch watch = NameLookups.watch(Thread.currentThread())) {
            try {
                action.execute();
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            return watch.names();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Makes lookups visible to {@link NameLookups} on this JDK; proves it with one lookup that must be seen. */
    private static AutoCloseable observeLookups() throws Exception {
        AutoCloseable observer =
                NameLookups.isProviderInstalled() || Runtime.version().feature() >= 18
                        ? () -> {}
                        : securityManagerObserver();
        // A new name each time: the JDK caches answers (also failures) before it asks a resolver.
        String name = "torchat-lookup-probe-" + System.nanoTime() + ".invalid";
        try (NameLookups.Watch probe = NameLookups.watch(Thread.currentThread())) {
            try {
                InetAddress.getAllByName(name);
            } catch (java.net.UnknownHostException expected) {
                // not resolvable, but asked: that is what the probe needs
            }
            assertEquals(
                    List.of(name),
                    probe.names(),
                    "name lookups cannot be observed on Java " + Runtime.version() + " (on 18+ the jdk18+ Maven "
                            + "profile compiles src/test/java18)");
        } catch (AssertionError e) {
            observer.close();
            throw e;
        }
        return observer;
    }

    @SuppressWarnings("removal")
    private static AutoCloseable securityManagerObserver() {
        SecurityManager previous = System.getSecurityManager();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {}

            @Override
            public void checkPermission(Permission perm, Object context) {}

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    NameLookups.resolved(host);
                }
            }
        });
        return () -> System.setSecurityManager(previous);
    }

    @Test
    void commandLineValuesOverrideTheFile() throws Exception {
        Settings s = new Settings.Builder()
                .apply(conf("daemonport: 8000", "peerport: 8500", "host: 10.1.1.1", "torport: 9050", "logmessages: no"))
                .controlPort(9000)
                .peerPort(9500)
                .socks(new HostPort("127.0.0.1", 9150))
                .logMessageText(true)
                .dataDir(dataDir)
                .build();

        assertEquals(9000, s.controlPort());
        assertEquals(9500, s.peerPort());
        assertEquals(new HostPort("127.0.0.1", 9150), s.socks());
        assertTrue(s.logMessageText());
    }

    @Test
    void aControlPortFromTheCommandLineMovesTheDefaultPeerPort() throws Exception {
        Settings s = new Settings.Builder()
                .apply(conf("daemonport: 8000"))
                .controlPort(9000)
                .dataDir(dataDir)
                .build();

        assertEquals(9001, s.peerPort());
    }

    @Test
    void fileValuesTheCommandLineDoesNotSetAreKept() throws Exception {
        Settings s = new Settings.Builder()
                .apply(conf("maxconnections: 5", "torport: 9050"))
                .controlPort(9000)
                .dataDir(dataDir)
                .build();

        assertEquals(5, s.maxConnections());
        assertEquals(9050, s.socks().port());
    }

    @Test
    void aPeerPortEqualToTheControlPortIsRefused() throws Exception {
        IllegalArgumentException fromCommandLine = assertThrows(
                IllegalArgumentException.class,
                () -> new Settings.Builder()
                        .controlPort(9000)
                        .peerPort(9000)
                        .dataDir(dataDir)
                        .build());
        assertTrue(
                fromCommandLine.getMessage().contains("peer port must differ from the control port 9000"),
                fromCommandLine.getMessage());

        Settings.Builder fromFile = new Settings.Builder()
                .apply(conf("daemonport: 8100", "peerport: 8100"))
                .dataDir(dataDir);
        assertThrows(IllegalArgumentException.class, fromFile::build);
    }
}
