package org.torchat.daemon.tor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.config.TorMode;

/** Turns the settings into a running {@link Tor}, or none for the no-Tor mode. */
public final class TorLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(TorLauncher.class);
    /** Under the data directory: our tor's own state (its DataDirectory, torrc, log). */
    public static final String MANAGED_DIR = "tor";

    private TorLauncher() {}

    public static Optional<Tor> start(Settings settings, Path dataDir) throws StartupException {
        try {
            return switch (effectiveMode(settings)) {
                case MANAGED ->
                    Optional.of(ManagedTor.start(ManagedTor.Options.in(dataDir.resolve(MANAGED_DIR))
                            .withExtraTorrcLines(extraTorrcLines(settings))
                            .withDefences(settings.onionDefences())));
                case EXTERNAL ->
                    Optional.of(ExternalTor.connect(ExternalTor.Options.of(
                                    settings.torControl().host(),
                                    settings.torControl().port(),
                                    authentication(settings))
                            .withDefences(settings.onionDefences())));
                default -> Optional.empty();
            };
        } catch (TorException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static TorMode effectiveMode(Settings settings) {
        if (settings.torMode() != TorMode.AUTO) {
            return settings.torMode();
        }
        if (ManagedTor.findTorBinary().isPresent()) {
            return TorMode.MANAGED;
        }
        LOG.warn(
                "tor is not installed, so no onion service is published and peers cannot reach us; messages go out "
                        + "through the SOCKS port {} (install tor: apt-get install tor)",
                settings.socks());
        return TorMode.NONE;
    }

    private static TorAuthentication authentication(Settings settings) {
        if (settings.torCookie() != null) {
            return TorAuthentication.cookie(settings.torCookie());
        }
        if (settings.torPassword() != null) {
            return TorAuthentication.password(settings.torPassword());
        }
        return TorAuthentication.auto();
    }

    private static List<String> extraTorrcLines(Settings settings) throws StartupException {
        if (settings.torrcExtra() == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(settings.torrcExtra());
        } catch (IOException e) {
            throw new StartupException("cannot read torrcextra " + settings.torrcExtra() + ": " + e.getMessage(), e);
        }
    }
}
