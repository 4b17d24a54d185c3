package org.torchat.daemon.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.InMemoryMessageStore;
import org.torchat.daemon.store.IncomingMessage;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class RecvHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final OnionAddress BOB = Ed25519Identity.generate().onionAddress();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T18:57:47Z"), ZoneOffset.UTC);

    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final RecvHandler handler = new RecvHandler(SELF, store, CLOCK, false);
    private final List<Message> replies = new ArrayList<>();

    private static Message recv(String id, String msg) {
        return Message.of(Command.RECV, id, 80, msg).withDate("12:00:00 2017");
    }

    @Test
    void storesTheMessageWithOurArrivalTimeAndAnswersEnd() throws Exception {
        handler.handle(recv(BOB.hostname(), "hello alice"), replies::add);

        assertEquals(Optional.of(new IncomingMessage(BOB, "hello alice", CLOCK.instant())), store.popOldestUnread(BOB));
        assertEquals(1, replies.size());
        assertEquals("{\"cmd\":\"END\",\"id\":\"" + SELF + "\",\"msg\":\"\",\"portno\":80}",
                MessageCodec.encode(replies.get(0)));
    }

    @Test
    void theSenderIsStoredUnderItsCanonicalAddress() throws Exception {
        handler.handle(recv(BOB.serviceId().toUpperCase(), "no suffix, upper case"), replies::add);
        handler.handle(recv(BOB.hostname().toUpperCase(), "upper case with suffix"), replies::add);

        assertEquals(List.of(BOB), store.peersWithUnread());
        assertEquals("no suffix, upper case", store.popOldestUnread(BOB).orElseThrow().text());
        assertEquals("upper case with suffix", store.popOldestUnread(BOB).orElseThrow().text());
    }

    @Test
    void theTextIsStoredExactly() throws Exception {
        String text = "h\u00e9llo \u2713 \"q\" back\\slash\nnewline";

        handler.handle(recv(BOB.hostname(), text), replies::add);

        assertEquals(text, store.popOldestUnread(BOB).orElseThrow().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bobbobbobbobbob2.onion", "bobbobbobbobbob2", "localhost", "", "alice"})
    void aSenderThatIsNotAV3AddressIsRefusedWithoutStoring(String id) {
        RequestException e = assertThrows(RequestException.class, () -> handler.handle(recv(id, "hi"), replies::add));

        assertTrue(e.getMessage().startsWith("field 'id': "), e.getMessage());
        assertEquals(List.of(), store.peersWithUnread());
        assertEquals(List.of(), replies);
    }

    @Test
    void aV2SenderIsToldV2IsGone() {
        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv("bobbobbobbobbob2.onion", "hi"), replies::add));

        assertTrue(e.getMessage().contains("v2"), e.getMessage());
    }

    @Test
    void aWrongChecksumIsRefused() {
        String id = BOB.serviceId();
        char last = id.charAt(50);
        String typo = id.substring(0, 50) + (last == 'a' ? 'b' : 'a') + id.substring(51) + ".onion";

        assertThrows(RequestException.class, () -> handler.handle(recv(typo, "hi"), replies::add));
        assertEquals(List.of(), store.peersWithUnread());
    }

    @Test
    void anEmptyMessageIsRefusedWithoutStoring() {
        RequestException e = assertThrows(RequestException.class,
                () -> handler.handle(recv(BOB.hostname(), ""), replies::add));

        assertTrue(e.getMessage().contains("field 'msg' is empty"), e.getMessage());
        assertEquals(List.of(), store.peersWithUnread());
        assertEquals(List.of(), replies);
    }
}
