package org.torchat.daemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.torchat.protocol.client.DaemonClient;

/**
 * A real torchatd JVM (the shaded jar) that can be killed and started again on the same ports and data
 * directory, as a user's daemon would be after a crash. Everything it prints goes to one log file, appended
 * across restarts, each start marked with a line {@code === start N ===}.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final int START_SECONDS = 60;
    private static final int START_TRIES = 5;
    /** JVM options that start the daemon about a quarter faster on a small machine; they change nothing it does. */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String name;
    private final Path dataDir;
    private final Path readyFile;
    private final Path log;
    private final int controlPort;
    private final int peerPort;
    private final List<String> arguments;
    private volatile Process process;
    private volatile boolean up;
    private volatile String onion;
    private int starts;

    /**
     * A daemon named {@code name} with its data directory, ready file and log under {@code workDir}, on two
     * fixed free ports, using {@code socks}; {@code config} (may be null) is passed with --config.
     */
    public DaemonProcess(Path workDir, String name, String socks, Path config, String... extraArguments)
            throws IOException {
        this.name = name;
        this.dataDir = Files.createDirectories(workDir.resolve(name));
        this.readyFile = workDir.resolve(name + ".ready");
        this.log = workDir.resolve(name + ".log");
        this.controlPort = FreePorts.nextOutsideEphemeralRange();
        int peer;
        do {
            peer = FreePorts.nextOutsideEphemeralRange();
        } while (peer == controlPort);
        this.peerPort = peer;
        List<String> args = new ArrayList<>(List.of(
                "--data-dir",
                dataDir.toString(),
                "--socks",
                socks,
                "--peer-port",
                String.valueOf(peerPort),
                "--ready-file",
                readyFile.toString()));
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        args.addAll(List.of(extraArguments));
        args.add(String.valueOf(controlPort));
        this.arguments = List.copyOf(args);
    }

    /**
     * Starts the JVM and waits for its ready file. A start that fails because a port was briefly taken (by
     * some other program's outgoing connection while this daemon was down) is tried again.
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        for (int attempt = 1; ; attempt++) {
            Files.deleteIfExists(readyFile);
            starts++;
            Files.writeString(
                    log,
                    "=== start " + starts + " ===\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = Processes.torchatd(log, arguments.toArray(String[]::new))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            List<String> command = new ArrayList<>(builder.command());
            command.addAll(1, QUICK_START);
            builder.command(command);
            Process p = builder.start();
            process = p;
            try {
                Processes.awaitFile(readyFile, p, START_SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                throw e;
            } catch (AssertionError e) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                if (attempt < START_TRIES && logTail(5).contains("already in use")) {
                    Thread.sleep(200);
                    continue;
                }
                throw new AssertionError(name + " did not start: " + e.getMessage() + "\n" + logTail(30), e);
            }
            onion = readyValue("onion");
            up = true;
            return;
        }
    }

    /** SIGKILL: no shutdown hook, no clean close of the store; waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        up = false;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " (pid " + p.pid() + ") did not die after SIGKILL");
            }
        }
    }

    /**
     * SIGSTOP: the process stops where it is, its connections stay open and say nothing, as when its machine or
     * network goes away; {@link #thaw()} lets it go on. Nothing is done to a daemon that is not running.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT, after {@link #freeze()}. */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process p = process;
        if (!up || p == null) {
            return;
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill " + signal + " " + p.pid() + " failed");
        }
    }

    /** SIGTERM, then waits for the clean exit; returns the exit code. */
    public synchronized int stop() throws InterruptedException {
        up = false;
        Process p = process;
        if (p == null) {
            return 0;
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " (pid " + p.pid() + ") did not stop within 30 s of SIGTERM");
        }
        return p.exitValue();
    }

    /** Whether the daemon was started and not killed or stopped since (set before and after, not polled). */
    public boolean isUp() {
        return up && process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    /** The onion address from the last start's ready file. */
    public String onion() {
        return onion;
    }

    public int controlPort() {
        return controlPort;
    }

    public int peerPort() {
        return peerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    public int starts() {
        return starts;
    }

    /** A client with short timeouts: a dead daemon shows as an I/O error at once. */
    public DaemonClient client() {
        return new DaemonClient("127.0.0.1", controlPort, Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public String logTail(int lines) {
        try {
            List<String> all = logText().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private String readyValue(String key) throws IOException {
        for (String line : Files.readAllLines(readyFile, StandardCharsets.UTF_8)) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(readyFile + " has no " + key + "=");
    }

    /** Kills the process if it still runs; for cleanup after any outcome. */
    @Override
    public void close() {
        up = false;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
