package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.config.OnionDefences;
import org.torchat.daemon.config.OnionDefences.PowDefense;

/**
 * Tor's own defences as we ask for them in ADD_ONION, against {@link FakeControlPort}: a tor that takes the
 * proof-of-work arguments, and one before 0.4.9 that refuses them (then: retry without, or refuse to publish).
 */
class OnionDefencesTest extends FakeTorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private void publishWith(OnionDefences defences) throws Exception {
        tor = ExternalTor.connect(
                ExternalTor.Options.of("127.0.0.1", fake.port(), TorAuthentication.cookie(fake.cookieFile()))
                        .withDefences(defences));
        tor.publish(identity, 8001);
    }

    private List<String> addOnions() {
        return fake.commands().stream().filter(c -> c.startsWith("ADD_ONION ")).toList();
    }

    @Test
    void aTorThatTakesProofOfWorkGetsEveryDefenceInOneAddOnion() throws Exception {
        publishWith(OnionDefences.DEFAULTS);
        assertEquals(List.of(AddOnion.command(identity, 80, 8001, OnionDefences.DEFAULTS, true)), addOnions());
        assertEquals(
                new AppliedDefences(AppliedDefences.Pow.ON, 20, 200, 16),
                tor.awaitPublished(WAIT).defences());
    }

    @Test
    void aTorBeforeProofOfWorkIsAskedAgainWithoutItAndStillLimitsStreams() throws Exception {
        fake.beforePow = true;
        publishWith(OnionDefences.DEFAULTS);
        assertEquals(
                List.of(
                        AddOnion.command(identity, 80, 8001, OnionDefences.DEFAULTS, true),
                        AddOnion.command(identity, 80, 8001, OnionDefences.DEFAULTS, false)),
                addOnions());
        TorStatus published = tor.awaitPublished(WAIT);
        assertEquals(new AppliedDefences(AppliedDefences.Pow.UNSUPPORTED, 0, 0, 16), published.defences());
        assertTrue(
                published.defences().describe().startsWith("proof of work unavailable"),
                published.defences().describe());
    }

    @Test
    void powdefenseOnRefusesToPublishWithoutProofOfWork() {
        fake.beforePow = true;
        TorException e =
                assertThrows(TorException.class, () -> publishWith(new OnionDefences(PowDefense.ON, 20, 200, 16)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "tor 0.4.9.11 cannot give our onion service the proof-of-work defence "
                                        + "(it answered: Bad arguments to ADD_ONION: Unrecognized keyword argument \"PoWDefensesEnabled\")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("set powdefense: auto"), e.getMessage());
        assertEquals(1, addOnions().size(), "no second try without the defence");
        assertNull(tor.status().onion());
        assertNull(tor.status().defences());
    }

    @Test
    void powdefenseOffNeverAsksForIt() throws Exception {
        OnionDefences off = new OnionDefences(PowDefense.OFF, 20, 200, 0);
        publishWith(off);
        assertEquals(List.of("ADD_ONION " + AddOnion.keyArgument(identity) + " Port=80,127.0.0.1:8001"), addOnions());
        assertEquals(
                new AppliedDefences(AppliedDefences.Pow.OFF, 0, 0, 0),
                tor.awaitPublished(WAIT).defences());
    }

    @Test
    void aRefusalThatIsNotAboutProofOfWorkIsNotRetried() {
        fake.addOnionRefusal = "550 Onion address collision";
        TorException e = assertThrows(TorException.class, () -> publishWith(OnionDefences.DEFAULTS));
        assertTrue(e.getMessage().contains("Onion address collision"), e.getMessage());
        assertEquals(1, addOnions().size());
    }

    @Test
    void theDefencesAreAskedForAgainAfterAReconnect() throws Exception {
        publishWith(OnionDefences.DEFAULTS);
        tor.awaitPublished(WAIT);
        fake.dropConnections();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (addOnions().size() < 2) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "no second ADD_ONION: " + tor.status().describe());
            Thread.sleep(20);
        }
        assertEquals(addOnions().get(0), addOnions().get(1));
        assertEquals(AppliedDefences.Pow.ON, tor.awaitPublished(WAIT).defences().pow());
    }
}
