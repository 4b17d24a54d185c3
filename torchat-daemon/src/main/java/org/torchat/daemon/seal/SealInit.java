package org.torchat.daemon.seal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.torchat.daemon.StartupException;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.seal.SealKeyFile;

/**
 * {@code torchatd --seal-init}: makes the key pair history is sealed to, its private half under the passphrase, in
 * the data directory's seal.key (0600). Done with the daemon stopped (the data directory's lock says so): the next
 * start with sealhistory: true seals what is stored.
 */
public final class SealInit {
    private SealInit() {}

    public static Path run(Path root, char[] passphrase) throws StartupException {
        try (DataDirectory dir = DataDirectory.open(root)) {
            Path target = dir.resolve(SealKeyFile.FILE_NAME);
            if (Files.exists(target)) {
                throw new StartupException(target + " exists already: history there is sealed to it (a new key would "
                        + "make it unreadable); nothing was changed");
            }
            byte[] encoded =
                    SealKeyFile.create(passphrase, KdfParameters.DEFAULT).encode();
            String partial = "." + SealKeyFile.FILE_NAME + ".partial";
            Files.deleteIfExists(dir.resolve(partial));
            Path temp = dir.createPrivateFile(partial);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(encoded));
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new StartupException("cannot write the seal key in " + root + ": " + e.getMessage(), e);
        }
    }
}
