package org.torchat.daemon.tor;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * What every test against {@link FakeControlPort} starts from: a fake tor that will publish our identity's address,
 * and the {@link ExternalTor} a test connects to it (closed after each test, with the fake).
 */
@Timeout(30)
abstract class FakeTorTest {
    @TempDir
    Path tmp;

    FakeControlPort fake;
    ExternalTor tor;
    final Ed25519Identity identity = Ed25519Identity.generate();

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeControlPort(tmp);
        fake.serviceId = identity.onionAddress().serviceId();
    }

    @AfterEach
    void stopTorAndFake() throws Exception {
        if (tor != null) {
            tor.close();
        }
        fake.close();
    }
}
