package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.torchat.daemon.net.RequestException;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** The budgets of each traffic class, and what each spelling of one address is keyed on. */
class PeerBudgetsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private static final OnionAddress A = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress B = Ed25519Identity.generate().onionAddress();

    private PeerBudgets budgets(
            int senderRate,
            int senderBurst,
            int unsignedRate,
            int unsignedBurst,
            int strangerRate,
            int strangerBurst,
            int maxTracked) {
        return new PeerBudgets(
                new PeerBudgets.Limits(
                        senderRate, senderBurst, unsignedRate, unsignedBurst, strangerRate, strangerBurst),
                maxTracked,
                now::get);
    }

    @Test
    void everySpellingOfOneAddressSpendsOneBucket() throws Exception {
        PeerBudgets b = budgets(60, 4, 0, 1, 0, 1, 100);
        String id = A.serviceId();
        List<String> spellings = List.of(id + ".onion", id.toUpperCase(), "  " + id + " ", id);
        for (String spelling : spellings) {
            b.admitSender(TrafficClass.CONTACT, OnionAddress.parse(spelling));
        }
        RequestException e = assertThrows(
                RequestException.class,
                () -> b.admitSender(TrafficClass.CONTACT, OnionAddress.parse(id.toUpperCase() + ".ONION")));
        assertTrue(e.getMessage().contains("more than 60 a minute (bursts of 4) from " + A.hostname()), e.getMessage());
        assertEquals(1, b.tracked(TrafficClass.CONTACT));
    }

    @Test
    void aSenderRefillsAtItsRate() throws Exception {
        PeerBudgets b = budgets(60, 2, 0, 1, 0, 1, 100);
        b.admitSender(TrafficClass.CONTACT, A);
        b.admitSender(TrafficClass.CONTACT, A);
        assertThrows(RequestException.class, () -> b.admitSender(TrafficClass.CONTACT, A));
        now.addAndGet(999);
        assertThrows(RequestException.class, () -> b.admitSender(TrafficClass.CONTACT, A));
        now.addAndGet(1);
        assertDoesNotThrow(() -> b.admitSender(TrafficClass.CONTACT, A), "60 a minute: one a second");
    }

    @Test
    void contactsHaveNoSharedBudgetWhateverStrangersDo() throws Exception {
        PeerBudgets b = budgets(60, 5, 60, 3, 60, 3, 100);
        for (int i = 0; i < 3; i++) {
            b.admitClass(TrafficClass.STRANGER);
        }
        RequestException flood = assertThrows(RequestException.class, () -> b.admitClass(TrafficClass.STRANGER));
        assertTrue(flood.getMessage().contains("60 messages a minute from strangers together"), flood.getMessage());
        for (int i = 0; i < 1000; i++) {
            b.admitClass(TrafficClass.CONTACT);
        }
        b.admitSender(TrafficClass.CONTACT, A);
    }

    @Test
    void unsignedContactsAndStrangersHaveSeparateSharedBudgets() throws Exception {
        PeerBudgets b = budgets(60, 5, 60, 2, 60, 3, 100);
        for (int i = 0; i < 3; i++) {
            b.admitClass(TrafficClass.STRANGER);
        }
        assertThrows(RequestException.class, () -> b.admitClass(TrafficClass.STRANGER));
        b.admitClass(TrafficClass.UNSIGNED_CONTACT);
        b.admitClass(TrafficClass.UNSIGNED_CONTACT);
        RequestException e = assertThrows(RequestException.class, () -> b.admitClass(TrafficClass.UNSIGNED_CONTACT));
        assertTrue(e.getMessage().contains("from unsigned contacts together"), e.getMessage());
    }

    @Test
    void oneAddressHasABucketPerClassSoAForgerDoesNotSpendTheContactsOwn() throws Exception {
        PeerBudgets b = budgets(60, 2, 0, 1, 0, 1, 100);
        b.admitSender(TrafficClass.STRANGER, A);
        b.admitSender(TrafficClass.STRANGER, A);
        assertThrows(RequestException.class, () -> b.admitSender(TrafficClass.STRANGER, A));
        b.admitSender(TrafficClass.CONTACT, A);
        b.admitSender(TrafficClass.CONTACT, A);
    }

    @Test
    void strangersChurnEvictsOnlyStrangersBuckets() throws Exception {
        PeerBudgets b = budgets(60, 2, 0, 1, 0, 1, 10);
        b.admitSender(TrafficClass.CONTACT, A);
        b.admitSender(TrafficClass.CONTACT, A);
        for (int i = 0; i < 1000; i++) {
            b.admitSender(TrafficClass.STRANGER, Ed25519Identity.generate().onionAddress());
        }
        assertEquals(10, b.tracked(TrafficClass.STRANGER), "bounded");
        assertThrows(
                RequestException.class,
                () -> b.admitSender(TrafficClass.CONTACT, A),
                "the contact's spent bucket was not evicted and refilled for free");
        b.admitSender(TrafficClass.CONTACT, B);
    }

    @Test
    void aRateOfZeroTurnsThatLimitOff() throws Exception {
        PeerBudgets b = budgets(0, 1, 0, 1, 0, 1, 1);
        for (int i = 0; i < 500; i++) {
            b.admitClass(TrafficClass.STRANGER);
            b.admitClass(TrafficClass.UNSIGNED_CONTACT);
            b.admitSender(TrafficClass.STRANGER, A);
        }
        assertEquals(0, b.tracked(TrafficClass.STRANGER));
    }

    @Test
    void badLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PeerBudgets.Limits(-1, 1, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PeerBudgets.Limits(1, 0, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PeerBudgets.Limits(1, 1, 0, 1, 0, 0));
    }
}
