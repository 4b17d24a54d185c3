package org.torchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.torchat.daemon.testing.FreePorts;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * The daemon as its own process, from the built jar, with the JVM options under test: what {@code bin/torchatd}
 * runs, without Tor ({@code --socks} to a closed port). Knows when it first answered and how much memory it holds.
 */
final class DaemonUnderTest implements AutoCloseable {
    /** The built daemon, relative to the repository root where the benchmarks are run. */
    static final String JAR = System.getProperty("torchatd.jar", "torchat-daemon/target/torchatd.jar");

    private final Process process;
    private final int port;
    private final int peerPort;
    private final double readyMillis;

    private DaemonUnderTest(Process process, int port, int peerPort, double readyMillis) {
        this.process = process;
        this.port = port;
        this.peerPort = peerPort;
        this.readyMillis = readyMillis;
    }

    /**
     * Starts the daemon on {@code dataDir} and waits until it answers HOST. A word {@code NAME=VALUE} among
     * {@code options} (such as {@code MALLOC_ARENA_MAX=2}) goes to its environment, the rest to {@code java}.
     */
    static DaemonUnderTest start(Path dataDir, List<String> options) throws Exception {
        return start(dataDir, options, List.of());
    }

    /** As above, with {@code daemonArgs} (such as {@code -d}: log to files in the data directory) for torchatd. */
    static DaemonUnderTest start(Path dataDir, List<String> options, List<String> daemonArgs) throws Exception {
        int port = FreePorts.next();
        int peerPort = FreePorts.next();
        List<String> command = new ArrayList<>(List.of("java"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (String option : options) {
            if (option.startsWith("-")) {
                command.add(option);
            } else {
                String[] nameValue = option.split("=", 2);
                environment.put(nameValue[0], nameValue[1]);
            }
        }
        command.addAll(List.of(
                "-jar",
                JAR,
                "--data-dir",
                dataDir.toString(),
                "--socks",
                "127.0.0.1:" + FreePorts.next(),
                "--peer-port",
                String.valueOf(peerPort)));
        command.addAll(daemonArgs);
        command.add(String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".console")
                                .toFile()));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        awaitAnswer(new DaemonClient("127.0.0.1", port), port, process);
        return new DaemonUnderTest(process, port, peerPort, (System.nanoTime() - start) / 1e6);
    }

    private static void awaitAnswer(DaemonClient client, int port, Process process) throws Exception {
        while (true) {
            try {
                client.request(Message.of(Command.HOST, DaemonClient.LOCALHOST, port, ""));
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the daemon exited with " + process.exitValue()
                            + " before it answered; see its .console file");
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
    }

    int port() {
        return port;
    }

    int peerPort() {
        return peerPort;
    }

    /** CPU time the daemon has used so far (user and system), in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[11] and [12] are utime and stime (the 14th and 15th of the line), in clock ticks of 1/100 s
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    DaemonClient client() {
        return new DaemonClient("127.0.0.1", port);
    }

    /** From {@code java} starting to the first answered HOST. */
    double readyMillis() {
        return readyMillis;
    }

    /** Resident memory now, in MB. */
    double residentMb() throws IOException {
        return statusKb("VmRSS") / 1024.0;
    }

    /** The most resident memory so far, in MB. */
    double peakResidentMb() throws IOException {
        return statusKb("VmHWM") / 1024.0;
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(
                        line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException("no " + field + " in /proc/" + process.pid() + "/status");
    }

    /** EXIT, as a user's {@code torchat stop} does; killed if it has not ended after 10 s. */
    @Override
    public void close() throws Exception {
        try {
            client().request(Message.of(Command.EXIT, DaemonClient.LOCALHOST, port, ""));
        } catch (IOException e) {
            // Already gone: the wait below says so.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
