package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.daemon.config.Strangers;
import org.torchat.daemon.net.CommandHandler;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.ChangeSignal;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.Outbox;
import org.torchat.daemon.store.StoredMessage;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** UPDATE and GET_PEERS with {@code wait}: held until a message is stored, the wait ends, or shutdown. */
@Timeout(30)
class LongPollHandlerTest {
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress CAROL = Ed25519Identity.generate().onionAddress();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Database db;
    private final ChangeSignal arrivals = new ChangeSignal();
    private final Inbox inbox;
    private final UpdateHandler update;
    private final GetPeersHandler getPeers;

    private final Outbox outbox;
    /** GET_PEERS as the daemon builds it: with the delivery token. */
    private final GetPeersHandler withTokens;

    LongPollHandlerTest() throws Exception {
        db = Database.inMemory();
        inbox = new Inbox(db, new UnreadLimits(1000, 1_000_000), arrivals, Strangers.ALLOW);
        update = new UpdateHandler(inbox, new PeerResolver(new Contacts(db)), ZoneOffset.UTC);
        getPeers = new GetPeersHandler(inbox);
        outbox = new Outbox(db, arrivals);
        withTokens = new GetPeersHandler(inbox, new ChangeTokens(arrivals).counted("delivery", ChangeSignal.DELIVERY));
    }

    @AfterEach
    void close() {
        arrivals.close();
        db.close();
    }

    private static Message update(OnionAddress peer, JsonNode wait) {
        Message m = Message.of(Command.UPDATE, "localhost", 8000, peer.hostname());
        return wait == null ? m : m.withExtension("wait", wait);
    }

    private static Message getPeers(JsonNode wait) {
        Message m = Message.of(Command.GET_PEERS, "localhost", 8000, "");
        return wait == null ? m : m.withExtension("wait", wait);
    }

    private void receive(OnionAddress from, String text) throws Exception {
        Instant now = Instant.now();
        assertEquals(Inbox.Outcome.STORED, inbox.store(from, MessageIds.random(), text, now, now));
    }

    /** Runs the request on another thread; the future holds its replies. */
    private static CompletableFuture<List<Message>> start(CommandHandler handler, Message request) {
        CompletableFuture<List<Message>> result = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    List<Message> replies = new CopyOnWriteArrayList<>();
                    try {
                        handler.handle(request, replies::add);
                        result.complete(replies);
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "waiting-request");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** Waits (without a fixed sleep) until {@code n} requests are blocked in the signal. */
    private void awaitWaiters(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (arrivals.waiters() != n) {
            assertTrue(System.nanoTime() < deadline, "expected " + n + " waiting requests, have " + arrivals.waiters());
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    @Test
    void aWaitingUpdateReturnsTheMessageAsSoonAsItIsStoredFromAnotherThread() throws Exception {
        CompletableFuture<List<Message>> reply = start(update, update(BOB, NODES.numberNode(30_000)));
        awaitWaiters(1);
        assertFalse(reply.isDone(), "nothing unread: the request is held");

        long stored = System.nanoTime();
        receive(BOB, "hello after waiting");
        List<Message> replies = reply.get(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stored);

        assertEquals(1, replies.size());
        assertEquals(Command.RECV, replies.get(0).cmd());
        assertEquals("hello after waiting", replies.get(0).msg());
        assertEquals(BOB.hostname(), replies.get(0).id());
        System.out.printf("LongPollHandlerTest: message stored -> waiting UPDATE answered in %d ms%n", millis);
        assertTrue(millis < 1000, "woke " + millis + " ms after the store, not at the end of the 30 s wait");
        assertEquals(List.of(), inbox.peersWithUnread(), "popped: marked read");
    }

    @Test
    void aMessageFromAnotherPeerDoesNotEndTheWait() throws Exception {
        CompletableFuture<List<Message>> reply = start(update, update(BOB, NODES.numberNode(30_000)));
        awaitWaiters(1);
        receive(CAROL, "not for this request");
        awaitWaiters(1); // woke, found nothing of BOB's, waits again
        assertFalse(reply.isDone());
        receive(BOB, "this one");
        assertEquals("this one", reply.get(5, TimeUnit.SECONDS).get(0).msg());
        assertEquals(List.of(CAROL), inbox.peersWithUnread());
    }

    @Test
    void aWaitingUpdateTimesOutWithEnd() throws Exception {
        long start = System.nanoTime();
        List<Message> replies =
                start(update, update(BOB, NODES.numberNode(300))).get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of(Message.of(Command.END, BOB.hostname(), 8000, BOB.hostname())), replies);
        assertTrue(millis >= 290, "held for the wait, returned after " + millis + " ms");
    }

    @Test
    void anUnreadMessageIsAnsweredAtOnceWithoutWaiting() throws Exception {
        receive(BOB, "already here");
        long start = System.nanoTime();
        List<Message> replies =
                start(update, update(BOB, NODES.numberNode(60_000))).get(10, TimeUnit.SECONDS);
        assertEquals("already here", replies.get(0).msg());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void withoutWaitUpdateAndGetPeersAnswerAtOnceAsBefore() throws Exception {
        List<Message> u = start(update, update(BOB, null)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(Message.of(Command.END, BOB.hostname(), 8000, BOB.hostname())), u);
        List<Message> p = start(getPeers, getPeers(NODES.numberNode(0))).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(Message.of(Command.GET_PEERS, "localhost", 8000, "")), p);
        assertEquals(0, arrivals.waiters());
    }

    @Test
    void getPeersWithWaitReturnsAtOnceWhenSomethingIsUnread() throws Exception {
        receive(CAROL, "x");
        List<Message> p = start(getPeers, getPeers(NODES.numberNode(60_000))).get(5, TimeUnit.SECONDS);
        assertEquals(CAROL.hostname(), p.get(0).msg());
    }

    @Test
    void getPeersWithWaitIsHeldUntilAMessageArrives() throws Exception {
        CompletableFuture<List<Message>> reply = start(getPeers, getPeers(NODES.numberNode(30_000)));
        awaitWaiters(1);
        assertFalse(reply.isDone());
        receive(BOB, "wake up");
        List<Message> p = reply.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(Message.of(Command.GET_PEERS, "localhost", 8000, BOB.hostname())), p);
    }

    @Test
    void getPeersWithWaitTimesOutEmpty() throws Exception {
        List<Message> p = start(getPeers, getPeers(NODES.numberNode(200))).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(Message.of(Command.GET_PEERS, "localhost", 8000, "")), p);
    }

    @Test
    void closingTheSignalEndsEveryWaitAtOnce() throws Exception {
        CompletableFuture<List<Message>> u = start(update, update(BOB, NODES.numberNode(60_000)));
        CompletableFuture<List<Message>> p = start(getPeers, getPeers(NODES.numberNode(60_000)));
        awaitWaiters(2);
        arrivals.close();
        assertEquals(Command.END, u.get(5, TimeUnit.SECONDS).get(0).cmd());
        assertEquals("", p.get(5, TimeUnit.SECONDS).get(0).msg());
        // and a wait that starts after shutdown began does not wait at all
        assertEquals(
                Command.END,
                start(update, update(BOB, NODES.numberNode(60_000)))
                        .get(5, TimeUnit.SECONDS)
                        .get(0)
                        .cmd());
    }

    @Test
    void badWaitIsRefusedNamingTheField() {
        for (JsonNode bad : List.of(
                NODES.textNode("100"),
                NODES.numberNode(1.5),
                NODES.numberNode(-1),
                NODES.numberNode(60_001),
                NODES.booleanNode(true),
                NODES.numberNode(Long.MAX_VALUE))) {
            RequestException e = assertThrows(
                    RequestException.class, () -> update.handle(update(BOB, bad), r -> {}), bad.toString());
            assertTrue(e.getMessage().contains("field 'wait'"), e.getMessage());
            RequestException g =
                    assertThrows(RequestException.class, () -> getPeers.handle(getPeers(bad), r -> {}), bad.toString());
            assertTrue(g.getMessage().contains("field 'wait'"), g.getMessage());
        }
        assertEquals(0, arrivals.waiters());
    }

    @Test
    void theMaximumWaitIsAccepted() throws Exception {
        receive(BOB, "x");
        assertEquals(
                "x",
                start(update, update(BOB, NODES.numberNode(60_000)))
                        .get(5, TimeUnit.SECONDS)
                        .get(0)
                        .msg());
    }

    @Test
    void badWaitLeavesTheUnreadMessageUnread() throws Exception {
        receive(BOB, "keep me");
        assertThrows(RequestException.class, () -> update.handle(update(BOB, NODES.numberNode(-5)), r -> {}));
        assertEquals(List.of(BOB), inbox.peersWithUnread());
    }

    /** A waiting GET_PEERS that sends back {@code delivery}. */
    private static Message getPeersSeeing(String delivery, int waitMillis) {
        return getPeers(NODES.numberNode(waitMillis)).withExtension("delivery", NODES.textNode(delivery));
    }

    private String deliveryToken() throws Exception {
        return start(withTokens, getPeers(NODES.numberNode(0)))
                .get(5, TimeUnit.SECONDS)
                .get(0)
                .extension("delivery")
                .orElseThrow()
                .textValue();
    }

    @Test
    void aWaitingGetPeersWithTheDeliveryTokenReturnsWhenOurMessageIsDelivered() throws Exception {
        StoredMessage sent = outbox.enqueue(BOB, "hi bob", 80, "", Instant.now());
        String before = deliveryToken();
        CompletableFuture<List<Message>> reply = start(withTokens, getPeersSeeing(before, 30_000));
        awaitWaiters(1);
        assertFalse(reply.isDone(), "nothing changed yet: held");

        long changed = System.nanoTime();
        outbox.markDelivered(sent, Instant.now());
        Message answer = reply.get(5, TimeUnit.SECONDS).get(0);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
        assertEquals("", answer.msg(), "nothing unread");
        String after = answer.extension("delivery").orElseThrow().textValue();
        assertFalse(before.equals(after), "the token changed: " + before);
        assertTrue(millis < 1000, "woke " + millis + " ms after the change, not at the end of the wait");
    }

    @Test
    void aStaleTokenIsAnsweredAtOnceAndACurrentOneWaits() throws Exception {
        String stale = deliveryToken();
        outbox.markFailed(outbox.enqueue(BOB, "x", 80, "", Instant.now()), "gave up");
        List<Message> p = start(withTokens, getPeersSeeing(stale, 60_000)).get(5, TimeUnit.SECONDS);
        String now = p.get(0).extension("delivery").orElseThrow().textValue();
        assertFalse(stale.equals(now));
        List<Message> held = start(withTokens, getPeersSeeing(now, 300)).get(10, TimeUnit.SECONDS);
        assertEquals(now, held.get(0).extension("delivery").orElseThrow().textValue(), "waited the whole wait");
    }

    @Test
    void aClientThatSendsNoTokenWaitsForMessagesOnly() throws Exception {
        StoredMessage sent = outbox.enqueue(BOB, "hi", 80, "", Instant.now());
        CompletableFuture<List<Message>> reply = start(withTokens, getPeers(NODES.numberNode(30_000)));
        awaitWaiters(1);
        outbox.markSent(sent);
        awaitWaiters(1); // woke, nothing for it, waits again
        assertFalse(reply.isDone());
        receive(CAROL, "now");
        assertEquals(CAROL.hostname(), reply.get(5, TimeUnit.SECONDS).get(0).msg());
    }
}
