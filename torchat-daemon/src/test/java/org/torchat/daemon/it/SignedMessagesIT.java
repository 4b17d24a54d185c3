package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

/**
 * Signed messages between two real daemons (SOCKS5 test server standing in for Tor), and forged, misdirected,
 * unsigned, stale and repeated RECV frames thrown at a daemon's peer port as raw bytes.
 */
class SignedMessagesIT {
    private static final Pattern END_MID = Pattern.compile("\"cmd\":\"END\".*\"mid\":\"([^\"]+)\"");

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        alice = startMapped("alice");
        bob = startMapped("bob");
        log = new ListAppender<>();
        log.start();
        root().addAppender(log);
    }

    private TestDaemon startMapped(String name) throws Exception {
        // strangers allowed: messages from made-up senders are listed by GET_PEERS (ContactsIT is about strangers)
        return TestDaemon.startReachable(tmp, name, socks, "retrydelay: 200", "retrylimit: 2", "strangers: allow");
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(log);
        alice.close();
        bob.close();
        socks.close();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    // --- frames as a peer writes them ----------------------------------------------------------------------------

    /** A RECV claiming to come from {@code claimed}, signed with {@code key} for {@code recipient}. */
    private static String signedRecv(
            OnionAddress claimed, Ed25519Identity key, OnionAddress recipient, String text, String mid, long ts) {
        byte[] signature = key.sign(MessageSignatures.encode(new SignedFields(claimed, recipient, mid, ts, text)));
        return "{\"cmd\":\"RECV\",\"date\":\"12:00:00 2017\",\"id\":\"" + claimed.hostname() + "\",\"mid\":\"" + mid
                + "\",\"msg\":\"" + text + "\",\"portno\":80,\"proto\":2,\"sig\":\""
                + MessageSignatures.toBase64(signature) + "\",\"ts\":" + ts + "}";
    }

    /** A RECV signed by its true sender for {@code recipient}. */
    private static String signedRecv(Ed25519Identity sender, OnionAddress recipient, String text, String mid, long ts) {
        return signedRecv(sender.onionAddress(), sender, recipient, text, mid, ts);
    }

    /** A RECV as the original C daemon writes it: no mid, ts or sig. */
    private static String seedRecv(OnionAddress from, String text) {
        return "{\"cmd\":\"RECV\",\"date\":\"12:00:00 2017\",\"id\":\"" + from.hostname() + "\",\"msg\":\"" + text
                + "\",\"portno\":80}";
    }

    private static String exchange(int port, String json) throws Exception {
        return Wire.exchange(port, Wire.frame(json));
    }

    private static String mid(String n) {
        return String.format("%032d", Long.parseLong(n));
    }

    private static void assertErr(String reply, String reason) {
        assertTrue(reply.matches("\\d{4}\\{\"cmd\":\"ERR\".*"), reply);
        assertTrue(reply.contains(reason), "expected '" + reason + "' in " + reply);
    }

    private static String ackedMid(String reply) {
        Matcher m = END_MID.matcher(reply);
        assertTrue(m.find(), "an acknowledgement: " + reply);
        return m.group(1);
    }

    private List<Message> history(TestDaemon d, OnionAddress peer) throws Exception {
        return d.client().history(peer.hostname(), 1000);
    }

    private static boolean verified(Message m) {
        return m.extension("verified").orElseThrow().booleanValue();
    }

    /** The warnings and errors the daemons logged since the test began. */
    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private void assertNothingStoredOnBobFrom(OnionAddress peer) throws Exception {
        assertEquals(List.of(), history(bob, peer), "nothing stored");
        assertEquals(List.of(), bob.client().peersWithUnread(), "nothing unread");
    }

    // --- tests ---------------------------------------------------------------------------------------------------

    @Test
    void aMessageFromAliceArrivesAtBobVerified() throws Exception {
        String mid = alice.client()
                .send(bob.address().hostname(), "signed hello")
                .extension("mid")
                .orElseThrow()
                .textValue();

        List<Message> got = Await.until(() -> history(bob, alice.address()), h -> h.size() == 1);
        Message in = got.get(0);
        assertEquals("signed hello", in.msg());
        assertEquals(mid, in.extension("mid").orElseThrow().textValue());
        assertEquals("in", in.extension("direction").orElseThrow().textValue());
        assertTrue(verified(in), in.toString());

        List<Message> withEnd = bob.client()
                .requestUntilEnd(Message.of(Command.HISTORY, alice.address().hostname(), 8000, "10"));
        Message end = withEnd.get(withEnd.size() - 1);
        assertEquals(Command.END, end.cmd());
        assertTrue(verified(end), "alice is a verified peer: " + end);

        Message out = Await.until(
                () -> history(alice, bob.address()).get(0),
                m -> m.extension("status").orElseThrow().textValue().equals("delivered"));
        assertTrue(out.extension("verified").isEmpty(), "our own messages carry no 'verified'");
        assertEquals(List.of(), warnings());
    }

    @Test
    void aRecvClaimingToBeAliceButSignedByAnotherKeyIsRefused() throws Exception {
        Ed25519Identity mallory = Ed25519Identity.generate();
        String forged = signedRecv(
                alice.address(), mallory, bob.address(), "send me your keys", mid("1"), System.currentTimeMillis());

        String reply = exchange(bob.peerPort(), forged);

        assertErr(reply, "bad signature: message " + mid("1") + " is not signed by " + alice.address());
        assertTrue(reply.contains("\"id\":\"" + bob.address().hostname() + "\""), reply);
        assertNothingStoredOnBobFrom(alice.address());
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("RECV refused: bad signature"), warnings.get(0));
    }

    @Test
    void aRecvSignedForAnotherRecipientIsRefused() throws Exception {
        // Dave really sent this to alice; someone hands the captured frame to bob.
        Ed25519Identity dave = Ed25519Identity.generate();
        String forAlice = signedRecv(dave, alice.address(), "for alice only", mid("2"), System.currentTimeMillis());

        String reply = exchange(bob.peerPort(), forAlice);

        assertErr(reply, "bad signature: ");
        assertTrue(reply.contains("meant for another recipient"), reply);
        assertNothingStoredOnBobFrom(dave.onionAddress());
        assertEquals(1, warnings().size(), warnings().toString());

        String atAlice = exchange(alice.peerPort(), forAlice);
        assertEquals(mid("2"), ackedMid(atAlice), "the true recipient takes it");
        assertTrue(verified(history(alice, dave.onionAddress()).get(0)));
    }

    @Test
    void anUnsignedSeedStyleRecvIsStoredUnverified() throws Exception {
        OnionAddress oldPeer = Ed25519Identity.generate().onionAddress();

        String reply = exchange(bob.peerPort(), seedRecv(oldPeer, "from the C daemon"));

        assertTrue(reply.contains("\"cmd\":\"END\""), reply);
        assertEquals(List.of(oldPeer.hostname()), bob.client().peersWithUnread());
        Message in = history(bob, oldPeer).get(0);
        assertEquals("from the C daemon", in.msg());
        assertFalse(verified(in));
        List<Message> withEnd =
                bob.client().requestUntilEnd(Message.of(Command.HISTORY, oldPeer.hostname(), 8000, "10"));
        assertFalse(verified(withEnd.get(withEnd.size() - 1)), "an unverified peer");
        assertEquals(List.of(), warnings());
    }

    @Test
    void withRequireSignaturesAnUnsignedRecvIsRefusedAndSignedOnesStillArrive() throws Exception {
        try (TestDaemon strict =
                TestDaemon.startReachable(tmp, "strict", socks, "requiresignatures: true", "strangers: allow")) {
            OnionAddress oldPeer = Ed25519Identity.generate().onionAddress();

            String reply = exchange(strict.peerPort(), seedRecv(oldPeer, "unsigned"));

            assertErr(
                    reply,
                    "unsigned message refused: this daemon accepts only messages signed by their sender "
                            + "(requiresignatures)");
            assertEquals(List.of(), strict.client().history(oldPeer.hostname(), 10));
            assertEquals(List.of(), strict.client().peersWithUnread());

            alice.client().send(strict.address().hostname(), "alice signs");
            List<Message> got =
                    Await.until(() -> strict.client().history(alice.address().hostname(), 10), h -> h.size() == 1);
            assertTrue(verified(got.get(0)));
            assertEquals("alice signs", got.get(0).msg());
        }
    }

    @Test
    void anOldMessageWithANewIdIsRefusedEvenWhenValidlySigned() throws Exception {
        Ed25519Identity dave = Ed25519Identity.generate();
        long eightDaysAgo = System.currentTimeMillis() - Duration.ofDays(8).toMillis();

        String reply = exchange(bob.peerPort(), signedRecv(dave, bob.address(), "old news", mid("3"), eightDaysAgo));

        assertErr(reply, "too old: message " + mid("3") + " was sent at ");
        assertTrue(reply.contains("more than 7 days ago"), reply);
        assertNothingStoredOnBobFrom(dave.onionAddress());

        String fresh = exchange(
                bob.peerPort(), signedRecv(dave, bob.address(), "fresh news", mid("4"), System.currentTimeMillis()));
        assertEquals(mid("4"), ackedMid(fresh));
        assertTrue(verified(history(bob, dave.onionAddress()).get(0)));
    }

    @Test
    void aTimestampFarInTheFutureIsRefused() throws Exception {
        Ed25519Identity dave = Ed25519Identity.generate();
        long twoDaysAhead = System.currentTimeMillis() + Duration.ofDays(2).toMillis();

        String reply =
                exchange(bob.peerPort(), signedRecv(dave, bob.address(), "from tomorrow", mid("5"), twoDaysAhead));

        assertErr(reply, "field 'ts' is ");
        assertTrue(reply.contains("ahead of this daemon's clock"), reply);
        assertNothingStoredOnBobFrom(dave.onionAddress());
    }

    @Test
    void theSameSignedFrameTwiceIsStoredOnceAndAcknowledgedTwice() throws Exception {
        Ed25519Identity dave = Ed25519Identity.generate();
        String frame = signedRecv(dave, bob.address(), "only once", mid("6"), System.currentTimeMillis());

        String first = exchange(bob.peerPort(), frame);
        String second = exchange(bob.peerPort(), frame);

        assertEquals(mid("6"), ackedMid(first));
        assertEquals(first, second, "the same acknowledgement");
        List<Message> stored = history(bob, dave.onionAddress());
        assertEquals(1, stored.size());
        assertTrue(verified(stored.get(0)));
        assertEquals(
                "only once",
                bob.client()
                        .update(dave.onionAddress().hostname())
                        .orElseThrow()
                        .msg());
        assertTrue(bob.client().update(dave.onionAddress().hostname()).isEmpty(), "one unread, not two");
    }

    @Test
    void aSignedFrameWithoutItsTimestampIsRefused() throws Exception {
        Ed25519Identity dave = Ed25519Identity.generate();
        String frame = signedRecv(dave, bob.address(), "no ts", mid("7"), System.currentTimeMillis())
                .replaceAll(",\"ts\":\\d+", "");

        assertErr(exchange(bob.peerPort(), frame), "a signed message must carry 'mid' and 'ts': both are signed");
        assertNothingStoredOnBobFrom(dave.onionAddress());
        assertEquals(bob.address().hostname(), bob.client().host(), "still serving");
    }
}
