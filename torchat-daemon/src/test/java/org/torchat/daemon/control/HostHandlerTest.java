package org.torchat.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class HostHandlerTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();

    private final List<Message> replies = new ArrayList<>();

    @Test
    void answersOurAddressEchoingIdAndPortno() throws Exception {
        new HostHandler(SELF)
                .handle(Message.of(Command.HOST, "localhost", 8000, "").withDate("12:00:00 2017"), replies::add);

        assertEquals(1, replies.size());
        assertEquals(
                "{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"" + SELF.hostname() + "\",\"portno\":8000}",
                MessageCodec.encode(replies.get(0)));
    }

    @Test
    void whateverIdAndPortnoTheClientSendsComeBack() throws Exception {
        new HostHandler(SELF).handle(Message.of(Command.HOST, "anything", -3, "ignored"), replies::add);

        assertEquals(Message.of(Command.HOST, "anything", -3, SELF.hostname()), replies.get(0));
    }
}
