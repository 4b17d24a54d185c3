package org.torchat.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.torchat.protocol.DataDirectoryLayout;

/**
 * The daemon's effective settings: built-in defaults, overridden by torchat.conf, overridden by the command
 * line. Each torchat.conf key of the seed is honoured; docs/CONFIGURATION.md says how.
 */
public record Settings(
        int controlPort,
        InetAddress controlInterface,
        /** Whether control requests must carry the token of control.cookie: requiretoken, or beyond loopback. */
        boolean requireControlToken,
        int peerPort,
        HostPort socks,
        Path dataDir,
        int maxConnections,
        int backlog,
        int maxFramePayload,
        Duration torConnectTimeout,
        Duration frameDeadline,
        String activityLogName,
        String debugLogName,
        String errorLogName,
        boolean logMessageText,
        boolean ephemeral,
        int maxUnreadMessages,
        long maxUnreadBytes,
        Duration retryDelay,
        Duration retryLimit,
        TorMode torMode,
        HostPort torControl,
        Path torCookie,
        String torPassword,
        Path torrcExtra,
        /** Tor's defences asked for when publishing our onion service (proof of work, streams per circuit). */
        OnionDefences onionDefences,
        boolean requireSignatures,
        Duration replayWindow,
        Duration maxClockSkew,
        /** Messages a minute, and at once, from one sender (its own budget, whatever its class). */
        int recvRate,
        int recvBurst,
        /** Messages a minute, and at once, from all contacts that do not sign, together. */
        int unsignedRate,
        int unsignedBurst,
        /** Messages a minute, and at once, from all strangers together. */
        int strangerRate,
        int strangerBurst,
        /** What happens to messages from addresses that are not contacts (strangers). */
        Strangers strangers,
        /** Requests waiting for the user; messages and bytes one stranger may leave; bytes of all strangers. */
        int maxRequests,
        int requestMessages,
        long requestBytes,
        long strangerQuota,
        /** A request nobody answered is dropped after this long. */
        Duration requestExpiry,
        /** A log file is rolled over at this size; this many rolled files are kept per log. */
        long logMaxSize,
        int logFiles,
        /** Warnings anyone can cause, logged one by one per listener and minute; the rest are counted. */
        int logWarnings,
        FileAcceptance fileAccept,
        long fileAutoAcceptMax,
        long fileMaxSize,
        long spoolQuota,
        SessionSettings sessions,
        /** Message texts and file names stored sealed to the key in seal.key (docs/SEALING.md). */
        boolean sealHistory,
        /** Members (and open invitations) a group we create may have; bytes of text one group may store. */
        int groupMaxMembers,
        long groupMaxBytes) {

    /** As the record's default, but never showing the tor control password. */
    @Override
    public String toString() {
        return "Settings[control=" + controlInterface.getHostAddress() + ":" + controlPort + ", peer=" + peerPort
                + ", socks=" + socks + ", dataDir=" + dataDir + ", tor=" + torMode + ", torControl=" + torControl
                + ", ephemeral=" + ephemeral + ", requireControlToken=" + requireControlToken + "]";
    }

    /** Every key torchat.conf may hold, in the order the shipped file documents them. */
    public static final List<String> KEYS = List.of(
            "maxconnections",
            "maxevents",
            "epolltimeout",
            "host",
            "torport",
            "daemonport",
            "loginfo",
            "logdebug",
            "logerror",
            "sockbufsize",
            "interface",
            "requiretoken",
            "peerport",
            "readtimeout",
            "logmessages",
            "ephemeral",
            "maxunread",
            "maxunreadbytes",
            "retrydelay",
            "retrylimit",
            "tor",
            "torcontrol",
            "torcookie",
            "torpassword",
            "torrcextra",
            "powdefense",
            "powqueuerate",
            "powqueueburst",
            "maxstreams",
            "requiresignatures",
            "replaywindow",
            "maxclockskew",
            "recvrate",
            "recvburst",
            "unsignedrate",
            "unsignedburst",
            "strangerrate",
            "strangerburst",
            "strangers",
            "maxrequests",
            "requestmessages",
            "requestbytes",
            "strangerquota",
            "requestexpiry",
            "logmaxsize",
            "logfiles",
            "logwarnings",
            "fileaccept",
            "fileautoacceptmax",
            "filemaxsize",
            "spoolquota",
            "sessions",
            "heartbeat",
            "connectparallel",
            "connectpace",
            "appearoffline",
            "awayafter",
            "sessionrate",
            "sealhistory",
            "groupmaxmembers",
            "groupmaxbytes");

    /** Keys still read under the name of an earlier version, not listed in the shipped file. */
    public static final List<String> OLD_KEYS = List.of("recvratetotal", "recvbursttotal");

    /** The most members groupmaxmembers allows: a roster frame of 256 addresses stays well within a frame. */
    public static final int GROUP_MEMBERS_LIMIT = 200;

    /** The largest file this daemon can be set to send or take: 64 GiB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024 * 1024;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Only the characters of an IPv6 literal: InetAddress then parses it and never resolves it as a name. */
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:][0-9A-Fa-f:.]*]?");

    /** Collects values from the layers; {@link #build()} fills in defaults and checks the combination. */
    public static final class Builder {
        private Integer controlPort;
        private String controlInterface = "127.0.0.1";
        private Integer peerPort;
        private String socksHost = "127.0.0.1";
        private int socksPort = 9250;
        private Path dataDir;
        private int maxConnections = 256;
        private boolean sessionsEnabled = SessionSettings.DEFAULTS.enabled();
        private long heartbeatMillis = SessionSettings.DEFAULTS.heartbeat().toMillis();
        private int connectParallel = SessionSettings.DEFAULTS.connectParallel();
        private long connectPaceMillis = SessionSettings.DEFAULTS.connectPace().toMillis();
        private boolean appearOffline = SessionSettings.DEFAULTS.appearOffline();
        private long awayAfterSeconds = SessionSettings.DEFAULTS.awayAfter().toSeconds();
        private int sessionFrameRate = SessionSettings.DEFAULTS.frameRate();
        private int backlog = 64;
        private int maxFramePayload = 9999;
        private long torConnectTimeoutMillis = 120_000;
        private long frameDeadlineMillis = 15_000;
        private String activityLogName = "info.log";
        private String debugLogName = "debug.log";
        private String errorLogName = "error.log";
        private boolean logMessageText;
        private boolean ephemeral;
        private boolean sealHistory;
        private int groupMaxMembers = 50;
        private long groupMaxBytes = 16L * 1024 * 1024;
        private int maxUnreadMessages = 1000;
        private long maxUnreadBytes = 4L * 1024 * 1024;
        private long retryDelayMillis = 5_000;
        private long retryLimitSeconds = 72 * 3600;
        private TorMode torMode = TorMode.AUTO;
        private boolean socksGiven;
        private HostPort torControl;
        private Path torCookie;
        private String torPassword;
        private Path torrcExtra;
        private OnionDefences.PowDefense powDefense = OnionDefences.DEFAULTS.pow();
        private int powQueueRate = OnionDefences.DEFAULTS.powQueueRate();
        private int powQueueBurst = OnionDefences.DEFAULTS.powQueueBurst();
        private int maxStreams = OnionDefences.DEFAULTS.maxStreams();
        private boolean requireSignatures;
        private long replayWindowSeconds = 7 * 24 * 3600;
        private long maxClockSkewSeconds = 24 * 3600;
        private boolean requireToken;
        private int recvRate = 60;
        private int recvBurst = 100;
        private int unsignedRate = 600;
        private int unsignedBurst = 100;
        private int strangerRate = 120;
        private int strangerBurst = 30;
        private Strangers strangers = Strangers.REQUESTS;
        private int maxRequests = 100;
        private int requestMessages = 5;
        private long requestBytes = 20_000;
        private long strangerQuota = 2L * 1024 * 1024;
        private long requestExpirySeconds = 30L * 24 * 3600;
        private long logMaxSize = 10L * 1024 * 1024;
        private int logFiles = 3;
        private int logWarnings = 20;
        private FileAcceptance fileAccept = FileAcceptance.ASK;
        private long fileAutoAcceptMax = 16L * 1024 * 1024;
        private long fileMaxSize = 100L * 1024 * 1024;
        private long spoolQuota = 1024L * 1024 * 1024;

        /** Applies every entry of {@code file}; a bad value names the file and line. */
        public Builder apply(ConfigFile file) throws ConfigException {
            for (ConfigFile.Entry entry : file.entries().values()) {
                try {
                    apply(entry.key(), entry.value());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file.path(), entry.line(), entry.key() + ": " + e.getMessage());
                }
            }
            return this;
        }

        private void apply(String key, String value) {
            switch (key) {
                case "maxconnections" -> maxConnections = intIn(value, 1, 10_000);
                case "maxevents" -> backlog = intIn(value, 1, 65_535);
                case "epolltimeout" -> torConnectTimeoutMillis = intIn(value, 1_000, 600_000);
                case "host" -> socksHost = value;
                case "torport" -> socksPort = Ports.parse(value);
                case "daemonport" -> controlPort = Ports.parse(value);
                case "loginfo" -> activityLogName = logFileName(value);
                case "logdebug" -> debugLogName = logFileName(value);
                case "logerror" -> errorLogName = logFileName(value);
                case "sockbufsize" -> maxFramePayload = intIn(value, 1, 9999);
                case "interface" -> controlInterface = controlInterface(value).getHostAddress();
                case "requiretoken" -> requireToken = bool(value);
                case "peerport" -> peerPort = Ports.parse(value);
                case "readtimeout" -> frameDeadlineMillis = intIn(value, 100, 600_000);
                case "logmessages" -> logMessageText = bool(value);
                case "ephemeral" -> ephemeral = bool(value);
                case "sealhistory" -> sealHistory = bool(value);
                case "groupmaxmembers" -> groupMaxMembers = intIn(value, 2, GROUP_MEMBERS_LIMIT);
                case "groupmaxbytes" -> groupMaxBytes = longIn(value, 100_000, Long.MAX_VALUE);
                case "maxunread" -> maxUnreadMessages = intIn(value, 1, 1_000_000);
                case "maxunreadbytes" -> maxUnreadBytes = intIn(value, 10_000, Integer.MAX_VALUE);
                case "retrydelay" -> retryDelayMillis = intIn(value, 100, 3_600_000);
                case "retrylimit" -> retryLimitSeconds = intIn(value, 1, 365 * 24 * 3600);
                case "tor" -> torMode = TorMode.parse(value);
                case "torcontrol" -> torControl = HostPort.parse(value);
                case "torcookie" -> torCookie = Path.of(value);
                case "torpassword" -> torPassword = value;
                case "torrcextra" -> torrcExtra = Path.of(value);
                case "powdefense" -> powDefense = OnionDefences.PowDefense.parse(value);
                case "powqueuerate" -> powQueueRate = intIn(value, 1, 1_000_000);
                case "powqueueburst" -> powQueueBurst = intIn(value, 1, 10_000_000);
                case "maxstreams" -> maxStreams = intIn(value, 0, 65535);
                case "requiresignatures" -> requireSignatures = bool(value);
                case "replaywindow" -> replayWindowSeconds = intIn(value, 3600, 31_536_000);
                case "maxclockskew" -> maxClockSkewSeconds = intIn(value, 0, 604_800);
                case "recvrate" -> recvRate = intIn(value, 0, 100_000);
                case "recvburst" -> recvBurst = intIn(value, 1, 10_000);
                case "unsignedrate" -> unsignedRate = intIn(value, 0, 1_000_000);
                case "unsignedburst" -> unsignedBurst = intIn(value, 1, 100_000);
                // recvratetotal and recvbursttotal: their names before traffic classes, when one budget was shared
                // by everyone; it is strangers' floods that they were there to bound.
                case "strangerrate", "recvratetotal" -> strangerRate = intIn(value, 0, 1_000_000);
                case "strangerburst", "recvbursttotal" -> strangerBurst = intIn(value, 1, 100_000);
                case "strangers" -> strangers = Strangers.parse(value);
                case "maxrequests" -> maxRequests = intIn(value, 1, 1_000_000);
                case "requestmessages" -> requestMessages = intIn(value, 1, 1_000_000);
                case "requestbytes" -> requestBytes = longIn(value, 10_000, Integer.MAX_VALUE);
                case "strangerquota" -> strangerQuota = longIn(value, 10_000, Long.MAX_VALUE / 2);
                case "requestexpiry" -> requestExpirySeconds = longIn(value, 60, 10L * 365 * 24 * 3600);
                case "logmaxsize" -> logMaxSize = longIn(value, 10_000, Long.MAX_VALUE / 2);
                case "logfiles" -> logFiles = intIn(value, 1, 100);
                case "logwarnings" -> logWarnings = intIn(value, 1, 1_000_000);
                case "fileaccept" -> fileAccept = FileAcceptance.parse(value);
                case "fileautoacceptmax" -> fileAutoAcceptMax = longIn(value, 0, MAX_FILE_BYTES);
                case "filemaxsize" -> fileMaxSize = longIn(value, 1, MAX_FILE_BYTES);
                case "spoolquota" -> spoolQuota = longIn(value, 1, Long.MAX_VALUE);
                case "sessions" -> sessionsEnabled = bool(value);
                case "heartbeat" -> heartbeatMillis = intIn(value, 200, 3_600_000);
                case "connectparallel" -> connectParallel = intIn(value, 1, 256);
                case "connectpace" -> connectPaceMillis = intIn(value, 0, 600_000);
                case "appearoffline" -> appearOffline = bool(value);
                case "awayafter" -> awayAfterSeconds = intIn(value, 0, 7 * 24 * 3600);
                case "sessionrate" -> sessionFrameRate = intIn(value, 10, 1_000_000);
                default -> throw new IllegalArgumentException("unknown key");
            }
        }

        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        /** {@code --listen ADDRESS}: the control listener's address (an IP literal; never a name). */
        public Builder listen(String address) {
            try {
                this.controlInterface = controlInterface(address).getHostAddress();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--listen: " + e.getMessage(), e);
            }
            return this;
        }

        /** {@code --require-token}: the control token also on loopback. */
        public Builder requireToken(boolean on) {
            this.requireToken = on;
            return this;
        }

        public Builder peerPort(int port) {
            this.peerPort = port;
            return this;
        }

        /** A SOCKS port given on the command line: without a control port, that is the no-Tor mode. */
        public Builder socks(HostPort socks) {
            this.socksHost = socks.host();
            this.socksPort = socks.port();
            this.socksGiven = true;
            return this;
        }

        public Builder torControl(HostPort control) {
            this.torControl = control;
            return this;
        }

        public Builder torCookie(Path cookie) {
            this.torCookie = cookie;
            return this;
        }

        public Builder torPassword(String password) {
            this.torPassword = password;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder logMessageText(boolean on) {
            this.logMessageText = on;
            return this;
        }

        public Builder ephemeral(boolean on) {
            this.ephemeral = on;
            return this;
        }

        public Settings build() {
            int control = controlPort == null ? 8000 : controlPort;
            int peer = peerPort == null ? defaultPeerPort(control) : peerPort;
            if (peer == control) {
                throw new IllegalArgumentException("the peer port must differ from the control port " + control
                        + ": peers must never reach client commands");
            }
            Path dir = dataDir == null ? defaultDataDir() : dataDir;
            TorMode mode = effectiveTorMode();
            InetAddress listen = controlInterface(controlInterface);
            // Beyond loopback, anyone who can reach the port could otherwise read our messages and send as us.
            return new Settings(
                    control,
                    listen,
                    requireToken || !listen.isLoopbackAddress(),
                    peer,
                    new HostPort(socksHost, socksPort),
                    dir.toAbsolutePath().normalize(),
                    maxConnections,
                    backlog,
                    maxFramePayload,
                    Duration.ofMillis(torConnectTimeoutMillis),
                    Duration.ofMillis(frameDeadlineMillis),
                    activityLogName,
                    debugLogName,
                    errorLogName,
                    logMessageText,
                    ephemeral,
                    maxUnreadMessages,
                    maxUnreadBytes,
                    Duration.ofMillis(retryDelayMillis),
                    Duration.ofSeconds(retryLimitSeconds),
                    mode,
                    torControl,
                    torCookie,
                    torPassword,
                    torrcExtra,
                    new OnionDefences(powDefense, powQueueRate, powQueueBurst, maxStreams),
                    requireSignatures,
                    Duration.ofSeconds(replayWindowSeconds),
                    Duration.ofSeconds(maxClockSkewSeconds),
                    recvRate,
                    recvBurst,
                    unsignedRate,
                    unsignedBurst,
                    strangerRate,
                    strangerBurst,
                    strangers,
                    maxRequests,
                    requestMessages,
                    requestBytes,
                    strangerQuota,
                    Duration.ofSeconds(requestExpirySeconds),
                    logMaxSize,
                    logFiles,
                    logWarnings,
                    fileAccept,
                    fileAutoAcceptMax,
                    fileMaxSize,
                    spoolQuota,
                    new SessionSettings(
                            sessionsEnabled,
                            Duration.ofMillis(heartbeatMillis),
                            connectParallel,
                            Duration.ofMillis(connectPaceMillis),
                            appearOffline,
                            Duration.ofSeconds(awayAfterSeconds),
                            sessionFrameRate),
                    sealHistory,
                    groupMaxMembers,
                    groupMaxBytes);
        }

        private TorMode effectiveTorMode() {
            TorMode mode = torMode;
            if (mode == TorMode.AUTO && torControl != null) {
                mode = TorMode.EXTERNAL;
            } else if (mode == TorMode.AUTO && socksGiven) {
                mode = TorMode.NONE;
            }
            if (mode == TorMode.EXTERNAL && torControl == null) {
                throw new IllegalArgumentException(
                        "tor: external needs the tor's control port: torcontrol HOST:PORT " + "(or --tor-control)");
            }
            return mode;
        }

        private static int defaultPeerPort(int control) {
            return control < 65535 ? control + 1 : control - 1;
        }
    }

    public static Path defaultDataDir() {
        return DataDirectoryLayout.defaultDataDir();
    }

    /**
     * The address the control listener binds to: an IP literal (never resolved as a name). Any address is
     * accepted; one that is not loopback makes the control token required ({@link #requireControlToken}).
     */
    static InetAddress controlInterface(String value) {
        return parseInterface(value);
    }

    private static InetAddress parseInterface(String value) {
        String v = value.strip();
        String literal = switch (v.toUpperCase(Locale.ROOT)) {
            case "INADDR_ANY" -> "0.0.0.0";
            case "INADDR_LOOPBACK", "LOCALHOST" -> "127.0.0.1";
            default -> v;
        };
        boolean ipv4 = IPV4.matcher(literal).matches()
                && Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = literal.contains(":") && IPV6.matcher(literal).matches();
        if (!ipv4 && !ipv6) {
            // Never resolve a name here: a DNS lookup would leave the machine outside Tor.
            throw new IllegalArgumentException(
                    "'" + value + "' is not an IP address (or INADDR_ANY, INADDR_LOOPBACK, localhost)");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid IP address");
        }
    }

    private static int intIn(String value, int min, int max) {
        return (int) longIn(value, min, max);
    }

    private static long longIn(String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(value + " is out of range " + min + ".." + max);
        }
        return n;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    private static String logFileName(String value) {
        if (value.contains("/") || value.contains("\\") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(
                    "'" + value + "' must be a plain file name; logs live in the data directory");
        }
        return value;
    }
}
