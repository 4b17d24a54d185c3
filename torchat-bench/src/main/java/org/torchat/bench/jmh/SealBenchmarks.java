package org.torchat.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torchat.bench.TempFiles;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.HistorySeal;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.backup.KdfParameters;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.seal.SealKeyFile;

/**
 * History sealed at rest (docs/SEALING.md, PERFORMANCE.md): sealing and opening one 60-byte message, and HISTORY's
 * store read of the last 100 messages of a peer from a real SQLite file, sealed and in the clear.
 * {@code java -jar torchat-bench/target/torchat-bench.jar SealBenchmarks}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealBenchmarks {
    private static final String TEXT = "a message of sixty bytes, about what people write each time";
    private static final char[] PASSPHRASE = "benchmark passphrase".toCharArray();

    @Param({"true", "false"})
    public boolean sealed;

    private Path dir;
    private Database db;
    private History history;
    private OnionAddress peer;
    private HistorySeal seal;
    private byte[] sealedText;

    @Setup
    public void setUp() throws Exception {
        seal = HistorySeal.sealingTo(SealKeyFile.create(PASSPHRASE, KdfParameters.DEFAULT));
        seal.unlock(PASSPHRASE);
        sealedText = seal.seal(TEXT);
        dir = Files.createTempDirectory("torchat-seal-bench");
        db = Database.open(dir.resolve(Database.FILE_NAME));
        if (sealed) {
            db.useSeal(seal);
        }
        peer = Ed25519Identity.generate().onionAddress();
        Inbox inbox = new Inbox(db, new UnreadLimits(1_000_000, Long.MAX_VALUE / 2));
        Instant now = Instant.now();
        for (int i = 0; i < 300; i++) {
            inbox.store(peer, "m" + i, TEXT, now, now);
        }
        history = new History(db);
    }

    @TearDown
    public void tearDown() throws Exception {
        db.close();
        TempFiles.deleteTree(dir);
    }

    @Benchmark
    public byte[] sealOneMessage() {
        return seal.seal(TEXT);
    }

    @Benchmark
    public String openOneMessage() {
        return seal.open(sealedText);
    }

    @Benchmark
    public List<StoredMessage> history100() {
        return history.last(peer, 100);
    }
}
