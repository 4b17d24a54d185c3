package org.torchat.daemon.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.DaemonThreads;
import org.torchat.daemon.config.OnionDefences;

/**
 * A tor of our own, run as a child process: its own DataDirectory under the directory it is given, SOCKS and
 * control ports chosen by tor ({@code auto}, so two daemons on one machine never collide), cookie authentication,
 * and tied to us twice: {@code __OwningControllerProcess <our pid>} and {@code TAKEOWNERSHIP} on our control
 * connection, so tor exits when we do, however we end. If tor dies it is started again (1 s, 2 s, 4 s ... up to
 * a minute apart) and our onion service is added again.
 *
 * <p>Files in the work directory (0700): {@code torrc} (written at each start), {@code torrc-defaults} (empty),
 * {@code tor.log} (the previous run's in {@code tor.log.1}), {@code control-port} (written by tor),
 * {@code data/} (tor's DataDirectory, 0700, kept across runs so bootstrap is fast after the first).
 */
public final class ManagedTor extends SupervisedTor {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedTor.class);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final List<Path> EXTRA_BIN_DIRS =
            List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"));
    private static final int COOKIE_LENGTH = 32;

    /**
     * How to run tor.
     *
     * @param workDir             our directory for tor (created 0700), e.g. {@code DATA_DIR/tor}
     * @param torBinary           the tor executable; {@code null}: {@code tor} on PATH, or in /usr/sbin (Debian)
     * @param extraTorrcLines     appended to the torrc (e.g. a private network's DirAuthority lines)
     * @param startTimeout        for tor to open its control port
     * @param bootstrapTimeout    after this, a bootstrap that has not reached 100% is reported as stuck
     * @param restartDelay        the first pause before starting tor again after it died; doubles each time
     * @param maxRestartDelay     the longest pause
     * @param defences            tor's defences asked for when publishing our onion service
     */
    public record Options(
            Path workDir,
            Path torBinary,
            List<String> extraTorrcLines,
            Duration startTimeout,
            Duration bootstrapTimeout,
            Duration restartDelay,
            Duration maxRestartDelay,
            OnionDefences defences) {
        public Options {
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(defences, "defences");
            extraTorrcLines = List.copyOf(extraTorrcLines);
        }

        /** Defaults: tor from PATH, start timeout 60 s, bootstrap timeout 5 min, restarts 1 s .. 60 s apart. */
        public static Options in(Path workDir) {
            return new Options(
                    workDir,
                    null,
                    List.of(),
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    OnionDefences.DEFAULTS);
        }

        public Options withTorBinary(Path binary) {
            return new Options(
                    workDir,
                    binary,
                    extraTorrcLines,
                    startTimeout,
                    bootstrapTimeout,
                    restartDelay,
                    maxRestartDelay,
                    defences);
        }

        public Options withExtraTorrcLines(List<String> lines) {
            return new Options(
                    workDir, torBinary, lines, startTimeout, bootstrapTimeout, restartDelay, maxRestartDelay, defences);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(
                    workDir,
                    torBinary,
                    extraTorrcLines,
                    timeout,
                    bootstrapTimeout,
                    restartDelay,
                    maxRestartDelay,
                    defences);
        }

        public Options withBootstrapTimeout(Duration timeout) {
            return new Options(
                    workDir,
                    torBinary,
                    extraTorrcLines,
                    startTimeout,
                    timeout,
                    restartDelay,
                    maxRestartDelay,
                    defences);
        }

        public Options withRestartDelays(Duration first, Duration max) {
            return new Options(
                    workDir, torBinary, extraTorrcLines, startTimeout, bootstrapTimeout, first, max, defences);
        }

        public Options withDefences(OnionDefences asked) {
            return new Options(
                    workDir,
                    torBinary,
                    extraTorrcLines,
                    startTimeout,
                    bootstrapTimeout,
                    restartDelay,
                    maxRestartDelay,
                    asked);
        }
    }

    private final Options options;
    private final Path binary;
    private final Path dataDir;
    private final Path torrc;
    private final Path defaultsTorrc;
    private final Path logFile;
    private final Path controlPortFile;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile int preferredSocksPort;

    private ManagedTor(Options options, Path binary) {
        super(
                "managed tor",
                options.bootstrapTimeout(),
                options.restartDelay(),
                options.maxRestartDelay(),
                options.defences());
        this.options = options;
        this.binary = binary;
        Path work = options.workDir().toAbsolutePath();
        this.dataDir = work.resolve("data");
        this.torrc = work.resolve("torrc");
        this.defaultsTorrc = work.resolve("torrc-defaults");
        this.logFile = work.resolve("tor.log");
        this.controlPortFile = work.resolve("control-port");
        this.shutdownHook = new Thread(this::killNow, "tor-shutdown");
    }

    /**
     * Starts tor and connects to it; returns once we are authenticated (seconds), not when bootstrap is done.
     *
     * @throws TorException tor is not installed, exited at start, did not open its control port, or refused us;
     *                      the message says what to do
     */
    public static ManagedTor start(Options options) throws TorException {
        Path binary = options.torBinary() != null
                ? checkBinary(options.torBinary())
                : findTorBinary().orElseThrow(() -> new TorException(notInstalledMessage()));
        ManagedTor tor = new ManagedTor(options, binary);
        Runtime.getRuntime().addShutdownHook(tor.shutdownHook);
        try {
            tor.startSupervised();
        } catch (TorException | RuntimeException e) {
            tor.close();
            throw e;
        }
        return tor;
    }

    /** {@code tor} on PATH, else in /usr/sbin or /usr/local/sbin (Debian installs it there, often not on PATH). */
    public static Optional<Path> findTorBinary() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(EXTRA_BIN_DIRS);
        for (Path dir : dirs) {
            Path candidate = dir.resolve("tor");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String notInstalledMessage() {
        return "tor is not installed: apt-get install tor, or pass --tor-control HOST:PORT (a tor you run) or "
                + "--socks HOST:PORT (no onion service)";
    }

    private static Path checkBinary(Path binary) throws TorException {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new TorException("tor is not installed at " + binary + ": apt-get install tor, or pass "
                    + "--tor-control HOST:PORT or --socks HOST:PORT");
        }
        return binary;
    }

    public Path logFile() {
        return logFile;
    }

    public Path workDir() {
        return options.workDir();
    }

    /** The running tor's pid, if one runs (for tests and diagnostics). */
    public Optional<Long> pid() {
        Process p = process;
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    @Override
    protected String logHint() {
        return " (tor's log: " + logFile + ")";
    }

    @Override
    public void close() {
        super.close();
        killNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or ran
        }
    }

    @Override
    protected Connection connect(ControlSession.Events events) throws TorException {
        int socksPort = preferredSocksPort;
        try {
            Connection c = launch(events, socksPort);
            preferredSocksPort = c.socks().getPort();
            return c;
        } catch (TorException e) {
            preferredSocksPort = 0; // perhaps someone took our old port: let tor choose next time
            throw e;
        }
    }

    private Connection launch(ControlSession.Events events, int socksPort) throws TorException {
        prepareFiles(socksPort);
        List<String> command =
                List.of(binary.toString(), "--defaults-torrc", defaultsTorrc.toString(), "-f", torrc.toString());
        TorLog output = new TorLog(200);
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(options.workDir().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new TorException("cannot run " + binary + ": " + e.getMessage() + "; " + notInstalledMessage(), e);
        }
        long started = System.nanoTime();
        process = p;
        drain(p, output);
        LOG.info("started tor {} (pid {}), data in {}", binary, p.pid(), dataDir);
        try {
            InetSocketAddress control = awaitControlPort(p, output);
            ControlSession session = ControlSession.open(
                    control,
                    TorAuthentication.cookie(dataDir.resolve("control_auth_cookie")),
                    events,
                    Duration.ofSeconds(30));
            try {
                session.takeOwnership();
                List<InetSocketAddress> socks = session.socksListeners();
                if (socks.isEmpty()) {
                    throw new TorException(
                            "our tor opened no SOCKS port (GETINFO net/listeners/socks is empty)" + logHint());
                }
                CompletableFuture<String> lost = new CompletableFuture<>();
                p.onExit().thenAccept(exited -> lost.complete(exitReason(exited, output)));
                session.lost().thenAcceptAsync(reason -> {
                    // tor usually exits right after: its exit code and last words say more than the socket
                    try {
                        if (p.waitFor(2, TimeUnit.SECONDS)) {
                            lost.complete(exitReason(p, output));
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    lost.complete(reason);
                });
                return new Connection(session, socks.get(0), lost, () -> stop(p), started);
            } catch (TorException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (TorException | RuntimeException e) {
            stop(p);
            throw e;
        }
    }

    private void prepareFiles(int socksPort) throws TorException {
        try {
            createPrivateDirectory(options.workDir());
            createPrivateDirectory(dataDir);
            Files.writeString(defaultsTorrc, "");
            Files.deleteIfExists(controlPortFile);
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling("tor.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Torrc text = new Torrc(
                    dataDir,
                    controlPortFile,
                    logFile,
                    ProcessHandle.current().pid(),
                    socksPort,
                    options.extraTorrcLines());
            Files.writeString(torrc, text.text());
        } catch (IOException e) {
            throw new TorException("cannot prepare tor's directory " + options.workDir() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + " does not exist";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        Files.setPosixFilePermissions(dir, DIR_MODE);
    }

    /** Reads tor's stdout/stderr to the end (a full pipe would stop tor), into our debug log and {@code output}. */
    private static void drain(Process p, TorLog output) {
        Thread t = DaemonThreads.named(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            output.add(line);
                            LOG.debug("tor[{}]: {}", p.pid(), line);
                        }
                    } catch (IOException e) {
                        // the process is gone
                    } finally {
                        output.end();
                    }
                },
                "tor-output-" + p.pid());
        t.start();
    }

    /** Waits for the control-port file and the cookie; fails with tor's reason if tor exits first. */
    private InetSocketAddress awaitControlPort(Process p, TorLog output) throws TorException {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        Path cookie = dataDir.resolve("control_auth_cookie");
        while (true) {
            if (!p.isAlive()) {
                awaitQuietly(p);
                throw new TorException(
                        "tor exited at start (code " + p.exitValue() + "): " + lastWords(output) + logHint());
            }
            Optional<InetSocketAddress> control = readControlPortFile();
            if (control.isPresent() && cookieWritten(cookie)) {
                return control.get();
            }
            if (System.nanoTime() > deadline) {
                throw new TorException("tor did not open its control port within "
                        + options.startTimeout().toSeconds() + " s" + logHint());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TorException("interrupted while starting tor");
            }
        }
    }

    private Optional<InetSocketAddress> readControlPortFile() throws TorException {
        try {
            String text = Files.readString(controlPortFile, StandardCharsets.US_ASCII);
            if (!text.endsWith("\n")) {
                return Optional.empty(); // still being written
            }
            Optional<InetSocketAddress> address = ControlReplies.controlPortFile(text);
            if (address.isEmpty()) {
                throw new TorException(
                        "tor wrote an unexpected control-port file " + controlPortFile + ": " + text.strip());
            }
            return address;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TorException("cannot read " + controlPortFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean cookieWritten(Path cookie) {
        try {
            return Files.size(cookie) == COOKIE_LENGTH;
        } catch (IOException e) {
            return false;
        }
    }

    private String exitReason(Process p, TorLog output) {
        awaitQuietly(p);
        return "tor exited (code " + p.exitValue() + "): " + lastWords(output);
    }

    /** The most telling line of tor's output and its log file. */
    private String lastWords(TorLog output) {
        output.awaitEnd(2000);
        List<String> lines = new ArrayList<>(output.lines());
        lines.addAll(TorLog.tail(logFile, 50));
        return TorLog.mostRelevant(lines).orElse("it printed nothing");
    }

    private static void awaitQuietly(Process p) {
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM (a tor client exits at once and cleanly on it), SIGKILL if it is still there 5 s later. Closing our
     * control connection would also end it (TAKEOWNERSHIP), but tor takes a second or two to notice.
     */
    private static void stop(Process p) {
        try {
            if (!p.isAlive()) {
                return;
            }
            p.destroy();
            if (p.waitFor(5, TimeUnit.SECONDS)) {
                return;
            }
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** For the shutdown hook and close(): no waiting for anyone, tor gets SIGTERM if it still runs. */
    private void killNow() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
