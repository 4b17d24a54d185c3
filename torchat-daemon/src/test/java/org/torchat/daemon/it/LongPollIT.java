package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.Wire;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * Long-polling between two real daemons (SOCKS5 stand-in for Tor): a client waiting on B with UPDATE/GET_PEERS
 * {@code wait} gets A's message as soon as B stores it. Prints the measured SEND-on-A to reply-on-B times.
 */
@Timeout(120)
class LongPollIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void startDaemons() throws Exception {
        socks = new TestSocks5Server();
        alice = startMapped("alice");
        bob = startMapped("bob");
    }

    private TestDaemon startMapped(String name) throws Exception {
        // strangers allowed: a first message between the two is listed by GET_PEERS, as this test waits for
        return TestDaemon.startReachable(tmp, name, socks, "retrydelay: 200", "strangers: allow");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    private DaemonClient longClient(TestDaemon d) {
        return new DaemonClient("127.0.0.1", d.controlPort(), Duration.ofSeconds(5), Duration.ofSeconds(90));
    }

    private static <T> CompletableFuture<T> async(Await.Probe<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        f.complete(call.get());
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                "long-poll-client");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private void awaitWaiting(TestDaemon d, int n) throws Exception {
        Await.until(() -> d.daemon().waitingRequests(), w -> w == n);
    }

    @Test
    void aWaitingUpdateOnBReturnsAsSoonAsAlicesMessageArrives() throws Exception {
        String a = alice.address().hostname();
        String b = bob.address().hostname();
        List<Long> micros = new ArrayList<>();
        // 8 rounds: under the receiver's per-peer RECV burst, so that no round waits for a rate-limited retry
        for (int i = 0; i < 8; i++) {
            String text = "long poll " + i;
            CompletableFuture<Optional<Message>> waiting =
                    async(() -> longClient(bob).awaitUpdate(a, WAIT));
            awaitWaiting(bob, 1);
            assertFalse(waiting.isDone(), "nothing unread yet: held");
            long start = System.nanoTime();
            alice.client().send(b, text);
            Message got = waiting.get(20, TimeUnit.SECONDS).orElseThrow();
            micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            assertEquals(Command.RECV, got.cmd());
            assertEquals(text, got.msg());
            assertEquals(a, got.id());
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf(
                "LongPollIT: SEND on A -> waiting UPDATE on B returned, %d rounds: min %.1f ms, "
                        + "median %.1f ms, max %.1f ms (all: %s us)%n",
                sorted.size(),
                sorted.get(0) / 1000.0,
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0,
                micros);
        assertTrue(sorted.get(sorted.size() / 2) < 1_000_000, "median under a second: " + sorted);
    }

    @Test
    void aWaitingGetPeersOnBReturnsWhenAMessageArrivesThenUpdateReadsIt() throws Exception {
        String a = alice.address().hostname();
        CompletableFuture<List<String>> waiting = async(() -> longClient(bob).awaitPeersWithUnread(WAIT));
        awaitWaiting(bob, 1);
        long start = System.nanoTime();
        alice.client().send(bob.address().hostname(), "any peer");
        List<String> peers = waiting.get(20, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("LongPollIT: SEND on A -> waiting GET_PEERS on B returned in %d ms%n", ms);
        assertEquals(List.of(a), peers);
        assertEquals("any peer", bob.client().update(a).orElseThrow().msg());
        assertEquals(Optional.empty(), bob.client().update(a));
    }

    @Test
    void aWaitingGetPeersOnAReturnsWhenItsSendIsDelivered() throws Exception {
        String b = bob.address().hostname();
        Message first = longClient(alice).awaitPeersReply(Duration.ZERO);
        String seen = first.extension(Extensions.DELIVERY_VERSION).orElseThrow().textValue();
        Map<String, String> tokens = Map.of(
                Extensions.DELIVERY_VERSION,
                seen,
                Extensions.REQUESTS_VERSION,
                first.extension(Extensions.REQUESTS_VERSION).orElseThrow().textValue());
        CompletableFuture<Message> waiting = async(() -> longClient(alice).awaitPeersReply(WAIT, tokens));
        awaitWaiting(alice, 1);
        long start = System.nanoTime();
        alice.client().send(b, "tell me when it is there");
        Message reply = waiting.get(20, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf(
                "LongPollIT: SEND on A -> A's waiting GET_PEERS returned with a new delivery token in %d ms%n", ms);
        assertEquals("", reply.msg(), "nothing unread on A");
        assertFalse(seen.equals(
                reply.extension(Extensions.DELIVERY_VERSION).orElseThrow().textValue()));
        // The change it reported is the delivery (or, on a slow machine, an earlier step of it): soon delivered.
        Await.until(
                () -> alice.client()
                        .history(b, 1)
                        .get(0)
                        .extension("status")
                        .orElseThrow()
                        .textValue(),
                "delivered"::equals);
        assertTrue(ms < 10_000, "answered on the change, not at the end of the wait: " + ms + " ms");
    }

    @Test
    void aWaitEndsWithEndWhenNothingArrives() throws Exception {
        long start = System.nanoTime();
        Optional<Message> none = longClient(bob).awaitUpdate(alice.address().hostname(), Duration.ofMillis(400));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Optional.empty(), none);
        assertTrue(ms >= 390 && ms < 5000, "held about the wait: " + ms + " ms");
        assertEquals(List.of(), longClient(bob).awaitPeersWithUnread(Duration.ofMillis(100)));
    }

    @Test
    void shutdownEndsWaitingRequestsPromptly() throws Exception {
        CompletableFuture<Optional<Message>> update =
                async(() -> longClient(bob).awaitUpdate(alice.address().hostname(), Duration.ofSeconds(60)));
        CompletableFuture<List<String>> peers =
                async(() -> longClient(bob).awaitPeersWithUnread(Duration.ofSeconds(60)));
        awaitWaiting(bob, 2);
        long start = System.nanoTime();
        bob.client().exit();
        assertEquals(Optional.empty(), update.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), peers.get(10, TimeUnit.SECONDS));
        long answered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        bob.close(); // what torchatd's main does after EXIT: the listeners' grace period must not be used up
        long closed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf(
                "LongPollIT: EXIT with 2 waiting requests: answered after %d ms, daemon closed after %d ms%n",
                answered, closed);
        assertTrue(closed < 5000, "closed in " + closed + " ms (the grace period is 10 s)");
    }

    @Test
    void aBadWaitGetsErrNamingTheField() throws Exception {
        String reply = Wire.exchange(
                bob.controlPort(),
                Wire.frame("{\"cmd\":\"UPDATE\",\"id\":\"localhost\",\"msg\":\""
                        + alice.address().hostname() + "\",\"portno\":8000,\"wait\":\"soon\"}"));
        assertTrue(reply.contains("\"cmd\":\"ERR\"") && reply.contains("field 'wait'"), reply);
        String big = Wire.exchange(
                bob.controlPort(),
                Wire.frame("{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000,\"wait\":60001}"));
        assertTrue(big.contains("\"cmd\":\"ERR\"") && big.contains("field 'wait'"), big);
    }
}
