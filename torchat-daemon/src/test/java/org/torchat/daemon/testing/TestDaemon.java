package org.torchat.daemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.torchat.daemon.Daemon;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.config.ConfigException;
import org.torchat.daemon.config.ConfigFile;
import org.torchat.daemon.config.HostPort;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.onion.OnionAddress;

/** A real daemon in this JVM on free loopback ports, with its own temporary data directory. */
public final class TestDaemon implements AutoCloseable {
    private final Daemon daemon;

    private TestDaemon(Daemon daemon) {
        this.daemon = daemon;
    }

    public static TestDaemon start(Path dataDir, String socks) throws StartupException {
        return start(dataDir, socks, b -> b);
    }

    /** Starts with extra torchat.conf lines, written to the data directory's torchat.conf. */
    public static TestDaemon start(Path dataDir, String socks, String... configLines) throws Exception {
        Path conf = Files.writeString(dataDir.resolve("torchat.conf"), String.join("\n", configLines) + "\n");
        ConfigFile file = ConfigFile.read(conf);
        return start(dataDir, socks, b -> {
            try {
                return b.apply(file);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    public static TestDaemon start(Path dataDir, String socks, UnaryOperator<Settings.Builder> tweak)
            throws StartupException {
        Settings settings = tweak.apply(new Settings.Builder()
                        .controlPort(FreePorts.next())
                        .peerPort(FreePorts.next())
                        .socks(HostPort.parse(socks))
                        .dataDir(dataDir))
                .build();
        return new TestDaemon(
                Daemon.start(settings, DataDirectory.open(settings.dataDir()), Clock.systemDefaultZone()));
    }

    /**
     * Starts a daemon in {@code parent/name} that the other daemons behind {@code socks} can reach: its onion
     * address is mapped to its peer port.
     */
    public static TestDaemon startReachable(Path parent, String name, TestSocks5Server socks, String... configLines)
            throws Exception {
        TestDaemon d = start(newDataDir(parent, name), socks.address(), configLines);
        socks.map(d.address().hostname(), d.peerPort());
        return d;
    }

    public static Path newDataDir(Path parent, String name) throws IOException {
        return Files.createDirectories(parent.resolve(name));
    }

    public OnionAddress address() {
        return daemon.address();
    }

    public int controlPort() {
        return daemon.controlPort();
    }

    public int peerPort() {
        return daemon.peerPort();
    }

    public DaemonClient client() {
        return new DaemonClient("127.0.0.1", daemon.controlPort());
    }

    public Daemon daemon() {
        return daemon;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
