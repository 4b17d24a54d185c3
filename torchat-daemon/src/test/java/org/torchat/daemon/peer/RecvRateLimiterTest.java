package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.identity.Ed25519Identity;

class RecvRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> passed = new ArrayList<>();
    private static final String A = Ed25519Identity.generate().onionAddress().hostname();
    private static final String B = Ed25519Identity.generate().onionAddress().hostname();

    private RecvRateLimiter limiter(int perMinute, int burst, int total, int totalBurst, int maxTracked) {
        return new RecvRateLimiter((request, replies) -> passed.add(request.id()), perMinute, burst, total, totalBurst,
                maxTracked, now::get);
    }

    private static Message recv(String id) {
        return Message.of(Command.RECV, id, 80, "hi");
    }

    private static void send(RecvRateLimiter l, String id) throws Exception {
        l.handle(recv(id), reply -> { });
    }

    @Test
    void aBurstPassesThenTheSenderIsRefusedUntilTokensRefill() throws Exception {
        RecvRateLimiter l = limiter(30, 10, 0, 1, 100);
        for (int i = 0; i < 10; i++) {
            send(l, A);
        }
        RequestException e = assertThrows(RequestException.class, () -> send(l, A));
        assertTrue(e.getMessage().startsWith("too many messages, slow down"), e.getMessage());
        assertEquals(10, passed.size(), "the refused RECV never reaches the handler");
        now.addAndGet(1_999); // 30 a minute: one token every 2 s
        assertThrows(RequestException.class, () -> send(l, A));
        now.addAndGet(1);
        send(l, A);
        assertThrows(RequestException.class, () -> send(l, A));
        now.addAndGet(60_000);
        for (int i = 0; i < 10; i++) {
            send(l, A);
        }
        assertThrows(RequestException.class, () -> send(l, A), "refilled to the burst, not beyond");
    }

    @Test
    void senderBucketsAreIndependentAndTheAddressIsCaseInsensitive() throws Exception {
        RecvRateLimiter l = limiter(30, 2, 0, 1, 100);
        send(l, A);
        send(l, A.toUpperCase());
        assertThrows(RequestException.class, () -> send(l, A));
        send(l, B);
        send(l, B);
    }

    @Test
    void sustainedRateIsTheConfiguredRate() throws Exception {
        RecvRateLimiter l = limiter(30, 1, 0, 1, 100);
        int accepted = 0;
        for (int ms = 0; ms < 10 * 60_000; ms += 100) { // ten minutes, a try every 100 ms
            now.addAndGet(100);
            try {
                send(l, A);
                accepted++;
            } catch (RequestException refused) {
                // expected most of the time
            }
        }
        assertTrue(accepted >= 299 && accepted <= 301, "about 30 a minute for 10 minutes: " + accepted);
    }

    @Test
    void theGlobalCapStopsAFloodUnderMadeUpIds() throws Exception {
        RecvRateLimiter l = limiter(30, 10, 60, 5, 1000);
        for (int i = 0; i < 5; i++) {
            send(l, Ed25519Identity.generate().onionAddress().hostname());
        }
        RequestException e = assertThrows(RequestException.class,
                () -> send(l, Ed25519Identity.generate().onionAddress().hostname()));
        assertTrue(e.getMessage().contains("from all peers together"), e.getMessage());
        now.addAndGet(1_000); // 60 a minute: one a second
        send(l, A);
    }

    @Test
    void aRefusalByTheGlobalCapDoesNotCostTheSenderAToken() throws Exception {
        RecvRateLimiter l = limiter(30, 2, 60, 1, 100);
        send(l, A);
        assertThrows(RequestException.class, () -> send(l, A)); // global bucket empty
        now.addAndGet(1_000);
        send(l, A); // A still had its second token
    }

    @Test
    void theMapOfSendersIsBoundedUnderAFloodOfIds() throws Exception {
        RecvRateLimiter l = limiter(30, 10, 0, 1, 50);
        for (int i = 0; i < 5_000; i++) {
            send(l, "sender-" + i);
            assertTrue(l.tracked() <= 50, "tracked " + l.tracked());
        }
        assertEquals(5_000, passed.size());
    }

    @Test
    void idleSendersAreForgottenFirstAndBusyOnesKeepTheirState() throws Exception {
        RecvRateLimiter l = limiter(30, 2, 0, 1, 3);
        send(l, "idle1");
        send(l, "idle2");
        now.addAndGet(60_000); // both refilled: idle
        send(l, A);
        send(l, A); // A is now empty
        send(l, "new1"); // map full (3): the idle ones go, A stays
        assertEquals(2, l.tracked());
        assertThrows(RequestException.class, () -> send(l, A), "A's empty bucket was kept");
    }

    @Test
    void zeroTurnsTheLimitsOff() throws Exception {
        RecvRateLimiter l = limiter(0, 1, 0, 1, 1);
        for (int i = 0; i < 1000; i++) {
            send(l, A);
        }
        assertEquals(0, l.tracked());
    }
}
