package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchat.daemon.net.RequestException;
import org.torchat.daemon.store.Contacts;
import org.torchat.daemon.store.Database;
import org.torchat.daemon.store.Inbox;
import org.torchat.daemon.store.MessageIds;
import org.torchat.daemon.store.UnreadLimits;
import org.torchat.protocol.Command;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** REQUESTS in pages: whatever strangers send, one reply stays small, and a client can still read them all. */
class RequestsHandlerTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final Database db;
    private final Contacts contacts;
    private final RequestsHandler handler;
    private final List<OnionAddress> strangers = new ArrayList<>();

    RequestsHandlerTest() throws Exception {
        db = Database.inMemory();
        contacts = new Contacts(db);
        handler = new RequestsHandler(contacts);
        Inbox inbox = new Inbox(db, new UnreadLimits(10, 100_000));
        for (int i = 0; i < 130; i++) {
            OnionAddress s = Ed25519Identity.generate().onionAddress();
            strangers.add(s);
            inbox.store(s, MessageIds.random(), i + " " + "ж".repeat(9000 / 2 - 4), null, T0.plusMillis(i));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Message> ask(String msg, Integer offset) throws Exception {
        Message request = Message.of(Command.REQUESTS, "localhost", 8000, msg);
        if (offset != null) {
            request = request.withExtension(Extensions.OFFSET, JsonNodeFactory.instance.numberNode(offset));
        }
        List<Message> replies = new ArrayList<>();
        handler.handle(request, replies::add);
        return replies;
    }

    @Test
    void theDefaultPageIsAHundredOldestFirstAndTheEndSaysHowManyMore() throws Exception {
        List<Message> replies = ask("", null);
        assertEquals(101, replies.size());
        assertEquals(strangers.get(0).hostname(), replies.get(0).id());
        Message end = replies.get(100);
        assertEquals(Command.END, end.cmd());
        assertEquals("100", end.msg());
        assertEquals(30, end.extension(Extensions.MORE).orElseThrow().intValue());
        for (Message frame : replies.subList(0, 100)) {
            assertTrue(frame.msg().length() <= ContactReplies.MAX_PREVIEW_CHARS, "preview cut");
            assertTrue(frame.msg().endsWith("..."), frame.msg());
            assertTrue(MessageCodec.encode(frame).length() < 2000, "a small frame");
        }
    }

    @Test
    void theLastPageHasNoMore() throws Exception {
        List<Message> replies = ask("50", 100);
        assertEquals(31, replies.size());
        assertEquals(strangers.get(100).hostname(), replies.get(0).id());
        assertFalse(replies.get(30).extension(Extensions.MORE).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "ten", "1.5"})
    void aBadPageSizeIsRefused(String msg) {
        RequestException e = assertThrows(RequestException.class, () -> ask(msg, null));
        assertTrue(e.getMessage().startsWith("field 'msg' must be the page size"), e.getMessage());
    }

    @Test
    void aBadOffsetIsRefused() {
        RequestException e = assertThrows(RequestException.class, () -> ask("10", -5));
        assertTrue(e.getMessage().startsWith("field 'offset'"), e.getMessage());
    }
}
