package org.torchat.daemon.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.History;
import org.torchat.daemon.store.MessageStatus;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;
import org.torchat.protocol.signature.MessageSignatures;
import org.torchat.protocol.signature.SignedFields;

class DeliveryServiceTest {
    private static final Ed25519Identity IDENTITY = Ed25519Identity.generate();
    private static final OnionAddress SELF = IDENTITY.onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final RetryPolicy QUICK =
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.systemUTC();

    /** What one peer's daemon does with a frame. */
    @FunctionalInterface
    private interface PeerBehaviour {
        DeliveryOutcome receive(Message frame) throws DeliveryException, InterruptedException;
    }

    /** One call the service made to the network. */
    private record Call(OnionAddress peer, int port, Message frame) {}

    /** The network seam: records every call, answers as each peer's script says (acknowledging by default). */
    private static final class FakeDelivery implements Delivery {
        final List<Call> calls = new ArrayList<>();
        final Map<OnionAddress, PeerBehaviour> peers = new ConcurrentHashMap<>();

        @Override
        public DeliveryOutcome deliver(OnionAddress peer, int port, Message frame) throws DeliveryException {
            synchronized (calls) {
                calls.add(new Call(peer, port, frame));
            }
            try {
                return peers.getOrDefault(peer, f -> DeliveryOutcome.ACKNOWLEDGED)
                        .receive(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted", e);
            }
        }

        List<String> texts(OnionAddress peer) {
            synchronized (calls) {
                return calls.stream()
                        .filter(c -> c.peer().equals(peer))
                        .map(c -> c.frame().msg())
                        .toList();
            }
        }

        int count(OnionAddress peer) {
            return texts(peer).size();
        }
    }

    private final Database db;
    private final Outbox outbox;
    private final History history;
    private final FakeDelivery network = new FakeDelivery();
    private final List<DeliveryService> services = new ArrayList<>();

    DeliveryServiceTest() throws Exception {
        db = Database.inMemory();
        outbox = new Outbox(db);
        history = new History(db);
    }

    @AfterEach
    void stop() {
        services.forEach(DeliveryService::close);
        db.close();
    }

    private DeliveryService service(Delivery delivery) {
        DeliveryService s = new DeliveryService(outbox, delivery, IDENTITY, QUICK, CLOCK, 4, false);
        services.add(s);
        return s;
    }

    private StoredMessage enqueue(OnionAddress peer, String text) {
        return outbox.enqueue(peer, text, 11009, "18:57:47 2026", CLOCK.instant());
    }

    private StoredMessage send(DeliveryService service, OnionAddress peer, String text) {
        StoredMessage m = enqueue(peer, text);
        service.wake(peer);
        return m;
    }

    private StoredMessage stored(StoredMessage m) {
        return history.last(m.peer(), 1000).stream()
                .filter(x -> x.localId() == m.localId())
                .findFirst()
                .orElseThrow();
    }

    private MessageStatus status(StoredMessage m) {
        return stored(m).status();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + PATIENCE.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private void awaitStatus(StoredMessage m, MessageStatus expected) throws InterruptedException {
        await("'" + m.text() + "' is " + expected + " (now " + status(m) + ")", () -> status(m) == expected);
    }

    @Test
    void sendsARecvFrameWithIdTimestampVersionAndSignature() throws Exception {
        DeliveryService service = service(network);

        StoredMessage m = send(service, BOB, "hello bob");
        awaitStatus(m, MessageStatus.DELIVERED);

        Call call;
        synchronized (network.calls) {
            assertEquals(1, network.calls.size());
            call = network.calls.get(0);
        }
        assertEquals(BOB, call.peer());
        assertEquals(11009, call.port());
        Message frame = call.frame();
        assertEquals(Command.RECV, frame.cmd());
        assertEquals(SELF.hostname(), frame.id());
        assertEquals(11009, frame.portno());
        assertEquals("hello bob", frame.msg());
        assertEquals("18:57:47 2026", frame.date());
        assertEquals(
                m.messageId(),
                frame.extension(Extensions.MESSAGE_ID).orElseThrow().textValue());
        assertEquals(
                m.sentAt().toEpochMilli(),
                frame.extension(Extensions.TIMESTAMP).orElseThrow().longValue());
        assertEquals(
                Extensions.PROTOCOL_VERSION,
                frame.extension(Extensions.PROTO).orElseThrow().intValue());
        byte[] signature = MessageSignatures.fromBase64(
                frame.extension(Extensions.SIGNATURE).orElseThrow().textValue());
        assertTrue(
                MessageSignatures.verify(
                        new SignedFields(SELF, BOB, m.messageId(), m.sentAt().toEpochMilli(), "hello bob"), signature),
                "signed by us, for BOB");
        assertFalse(
                MessageSignatures.verify(
                        new SignedFields(SELF, CAROL, m.messageId(), m.sentAt().toEpochMilli(), "hello bob"),
                        signature),
                "for BOB only");
        StoredMessage delivered = stored(m);
        assertEquals(1, delivered.attempts());
        assertNotNull(delivered.receivedAt());
        assertTrue(outbox.acknowledges(BOB));
    }

    @Test
    void messagesToOnePeerGoOutOnceEachInQueueOrder() throws Exception {
        DeliveryService service = service(network);
        List<StoredMessage> sent = new ArrayList<>();
        List<String> texts = new ArrayList<>();

        for (int i = 1; i <= 30; i++) {
            sent.add(send(service, BOB, "m" + i));
            texts.add("m" + i);
        }
        for (StoredMessage m : sent) {
            awaitStatus(m, MessageStatus.DELIVERED);
        }

        assertEquals(texts, network.texts(BOB));
    }

    @Test
    void anUnreachablePeerIsRetriedAndGetsTheMessageWhenItComesBack() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch online = new CountDownLatch(1);
        network.peers.put(BOB, frame -> {
            if (online.getCount() > 0) {
                throw new DeliveryException("connection refused #" + refused.incrementAndGet());
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = service(network);

        StoredMessage m = send(service, BOB, "are you there?");
        StoredMessage next = send(service, BOB, "second");

        // Retried by its own timer: nothing else wakes the service.
        await("three attempts failed", () -> stored(m).attempts() >= 3);
        StoredMessage waiting = stored(m);
        assertEquals(MessageStatus.QUEUED, waiting.status());
        assertTrue(waiting.lastError().startsWith("connection refused #"), waiting.lastError());
        assertNotNull(waiting.nextAttemptAt());
        assertEquals(MessageStatus.QUEUED, status(next), "the second waits behind the first");
        assertEquals(0, stored(next).attempts());

        online.countDown();
        awaitStatus(m, MessageStatus.DELIVERED);
        awaitStatus(next, MessageStatus.DELIVERED);

        StoredMessage delivered = stored(m);
        assertEquals(refused.get() + 1, delivered.attempts(), "every attempt is counted");
        assertNull(delivered.lastError());
        List<String> calls = network.texts(BOB);
        assertEquals(refused.get() + 2, calls.size());
        assertEquals("second", calls.get(calls.size() - 1));
        assertTrue(calls.subList(0, calls.size() - 1).stream().allMatch("are you there?"::equals), calls.toString());
    }

    @Test
    void aPeerThatShowsUpIsRetriedAtOnceInsteadOfAfterItsBackoff() throws Exception {
        CountDownLatch online = new CountDownLatch(1);
        network.peers.put(BOB, frame -> {
            if (online.getCount() > 0) {
                throw new DeliveryException("connection refused");
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = new DeliveryService(
                outbox,
                network,
                IDENTITY,
                new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(3)),
                CLOCK,
                4,
                false);
        services.add(service);
        StoredMessage m = send(service, BOB, "while you were away");
        await("the first attempt failed", () -> stored(m).attempts() == 1);
        assertEquals(MessageStatus.QUEUED, status(m), "next try in an hour");

        online.countDown();
        service.peerReachable(BOB);

        awaitStatus(m, MessageStatus.DELIVERED);
        assertEquals(2, network.count(BOB));
    }

    @Test
    void aPeerShowingUpWithNothingQueuedCausesNoDelivery() throws Exception {
        DeliveryService service = service(network);
        service.peerReachable(CAROL);
        Thread.sleep(100);
        assertEquals(0, network.count(CAROL));
    }

    @Test
    void everyRetrySendsTheSameSignedFrameSoTheReceiverCanDropRepeats() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        network.peers.put(BOB, frame -> {
            if (attempts.incrementAndGet() < 3) {
                throw new DeliveryException("lost the acknowledgement");
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = service(network);

        StoredMessage m = send(service, BOB, "once only");
        awaitStatus(m, MessageStatus.DELIVERED);

        List<Message> frames;
        synchronized (network.calls) {
            frames = network.calls.stream().map(Call::frame).toList();
        }
        assertEquals(3, frames.size());
        assertEquals(frames.get(0), frames.get(1));
        assertEquals(frames.get(0), frames.get(2));
        assertTrue(frames.get(0).extension(Extensions.SIGNATURE).isPresent());
    }

    @Test
    void aPeerThatNeverAnswersEndsFailedAndLaterMessagesStillGo() throws Exception {
        network.peers.put(BOB, frame -> {
            if (frame.msg().equals("doomed")) {
                throw new DeliveryException("onion service descriptor not found");
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = service(network);

        StoredMessage doomed = send(service, BOB, "doomed");
        StoredMessage behind = send(service, BOB, "behind");
        Instant queuedAt = CLOCK.instant();

        awaitStatus(doomed, MessageStatus.FAILED);
        assertTrue(
                Duration.between(queuedAt, CLOCK.instant()).compareTo(Duration.ofMillis(1500)) > 0,
                "failed only after the give-up time");
        StoredMessage failed = stored(doomed);
        assertEquals("onion service descriptor not found", failed.lastError());
        assertTrue(failed.attempts() > 2, "retried before giving up: " + failed.attempts());
        assertNull(failed.nextAttemptAt());

        awaitStatus(behind, MessageStatus.DELIVERED);
        List<String> calls = network.texts(BOB);
        assertEquals("behind", calls.get(calls.size() - 1));
        assertEquals(failed.attempts(), calls.size() - 1, "the failed message is not tried again");

        StoredMessage later = send(service, BOB, "later");
        awaitStatus(later, MessageStatus.DELIVERED);
        assertEquals(MessageStatus.FAILED, status(doomed));
    }

    @Test
    void aSlowPeerDoesNotHoldUpAnother() throws Exception {
        CountDownLatch bobEntered = new CountDownLatch(1);
        CountDownLatch bobReleased = new CountDownLatch(1);
        network.peers.put(BOB, frame -> {
            bobEntered.countDown();
            if (!bobReleased.await(30, TimeUnit.SECONDS)) {
                throw new DeliveryException("test never released bob");
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = service(network);

        StoredMessage toBob = send(service, BOB, "slow circuit");
        assertTrue(bobEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "bob's delivery started");
        StoredMessage toBobToo = send(service, BOB, "behind the slow one");
        StoredMessage toCarol = send(service, CAROL, "quick");

        awaitStatus(toCarol, MessageStatus.DELIVERED);
        assertEquals(MessageStatus.QUEUED, status(toBob));
        assertEquals(MessageStatus.QUEUED, status(toBobToo));
        assertEquals(List.of("slow circuit"), network.texts(BOB), "one delivery in flight per peer");

        bobReleased.countDown();
        awaitStatus(toBob, MessageStatus.DELIVERED);
        awaitStatus(toBobToo, MessageStatus.DELIVERED);
        assertEquals(List.of("slow circuit", "behind the slow one"), network.texts(BOB));
    }

    @Test
    void silenceFromAPeerThatNeverAcknowledgesIsSent() throws Exception {
        network.peers.put(CAROL, frame -> DeliveryOutcome.SENT);
        DeliveryService service = service(network);

        StoredMessage m = send(service, CAROL, "to the C daemon");
        awaitStatus(m, MessageStatus.SENT);

        StoredMessage sent = stored(m);
        assertEquals(1, sent.attempts());
        assertNull(sent.receivedAt());
        assertNull(sent.lastError());
        StoredMessage next = send(service, CAROL, "again");
        awaitStatus(next, MessageStatus.SENT);
        assertEquals(List.of("to the C daemon", "again"), network.texts(CAROL), "a sent message is not retried");
    }

    @Test
    void silenceFromAPeerThatHasAcknowledgedBeforeIsRetried() throws Exception {
        CountDownLatch recovered = new CountDownLatch(1);
        network.peers.put(BOB, frame -> {
            if (frame.msg().equals("first") || recovered.getCount() == 0) {
                return DeliveryOutcome.ACKNOWLEDGED;
            }
            return DeliveryOutcome.SENT; // crashed before storing: closed without END
        });
        DeliveryService service = service(network);
        StoredMessage first = send(service, BOB, "first");
        awaitStatus(first, MessageStatus.DELIVERED);

        StoredMessage second = send(service, BOB, "second");
        await("the silent answer was retried", () -> stored(second).attempts() >= 2);

        StoredMessage waiting = stored(second);
        assertEquals(MessageStatus.QUEUED, waiting.status(), "not marked sent");
        assertTrue(waiting.lastError().contains("without acknowledging"), waiting.lastError());

        recovered.countDown();
        awaitStatus(second, MessageStatus.DELIVERED);
    }

    @Test
    void startPicksUpWhatWasQueuedBefore() throws Exception {
        StoredMessage b1 = enqueue(BOB, "b1");
        StoredMessage b2 = enqueue(BOB, "b2");
        StoredMessage c1 = enqueue(CAROL, "c1");
        DeliveryService service = service(network);
        Thread.sleep(100);
        assertEquals(0, network.count(BOB) + network.count(CAROL), "nothing goes before start()");

        service.start();

        awaitStatus(b1, MessageStatus.DELIVERED);
        awaitStatus(b2, MessageStatus.DELIVERED);
        awaitStatus(c1, MessageStatus.DELIVERED);
        assertEquals(List.of("b1", "b2"), network.texts(BOB));
    }

    @Test
    void aRestartedServiceDeliversWhatTheStoppedOneCouldNot() throws Exception {
        DeliveryService before = service((peer, port, frame) -> {
            throw new DeliveryException("tor is not running");
        });
        StoredMessage m = send(before, BOB, "survives a restart");
        await("one attempt failed", () -> stored(m).attempts() >= 1);
        before.close();
        StoredMessage queuedWhileDown = enqueue(BOB, "queued while down");

        DeliveryService after = service(network);
        after.start();

        awaitStatus(m, MessageStatus.DELIVERED);
        awaitStatus(queuedWhileDown, MessageStatus.DELIVERED);
        assertEquals(List.of("survives a restart", "queued while down"), network.texts(BOB));
    }

    @Test
    void anUnexpectedErrorInTheDeliveryIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        network.peers.put(BOB, frame -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug in the network code");
            }
            return DeliveryOutcome.ACKNOWLEDGED;
        });
        DeliveryService service = service(network);

        StoredMessage m = send(service, BOB, "hi");

        awaitStatus(m, MessageStatus.DELIVERED);
        assertEquals(2, calls.get());
    }
}
