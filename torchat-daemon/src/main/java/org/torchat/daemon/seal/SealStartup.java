package org.torchat.daemon.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.HistorySeal;
import org.torchat.daemon.store.SealExisting;
import org.torchat.protocol.seal.SealException;
import org.torchat.protocol.seal.SealKeyFile;

/**
 * At start: whether the store is sealed (sealhistory and seal.key must agree), and if so sealing what is still in
 * the clear. The daemon starts locked: the passphrase is never on disk or on its command line.
 */
public final class SealStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SealStartup.class);

    private SealStartup() {}

    public static HistorySeal apply(Settings settings, DataDirectory dataDir, Database db) throws StartupException {
        Path keyFile = dataDir.resolve(SealKeyFile.FILE_NAME);
        boolean hasKey = Files.exists(keyFile);
        if (!settings.sealHistory()) {
            if (hasKey) {
                throw new StartupException(keyFile + " exists, so this store is sealed, but sealhistory is off: set "
                        + "sealhistory: true in torchat.conf (a sealed store cannot be turned back)");
            }
            return db.seal();
        }
        if (settings.ephemeral()) {
            throw new StartupException("sealhistory and ephemeral exclude each other: an ephemeral daemon keeps "
                    + "nothing on disk to seal");
        }
        if (!hasKey) {
            throw new StartupException("sealhistory is on but there is no seal key " + keyFile + ": create it with "
                    + "'torchatd --seal-init --data-dir " + dataDir.root() + "' (it asks for the passphrase)");
        }
        try {
            dataDir.ensurePrivateFile(keyFile);
            HistorySeal seal = HistorySeal.sealingTo(SealKeyFile.decode(Files.readAllBytes(keyFile)));
            db.useSeal(seal);
            SealExisting.Result sealed = SealExisting.run(db);
            if (sealed.any()) {
                LOG.info(
                        "history sealed at rest: sealed {} messages and {} file names stored before{}",
                        sealed.messages(),
                        sealed.fileNames(),
                        sealed.indexDropped() ? "; search index emptied" : "");
            }
            LOG.info(
                    "history is sealed: the daemon is locked until 'torchat unlock'; it receives and stores meanwhile");
            return seal;
        } catch (IOException | SealException e) {
            throw new StartupException("cannot read the seal key " + keyFile + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StartupException("cannot seal the message store: " + e.getMessage(), e);
        }
    }
}
