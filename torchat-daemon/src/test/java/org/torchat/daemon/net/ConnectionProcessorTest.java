package org.torchat.daemon.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchat.daemon.control.HostHandler;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

class ConnectionProcessorTest {
    private static final OnionAddress SELF = Ed25519Identity.generate().onionAddress();
    private static final String HOST_REQUEST =
            "{\"id\": \"localhost\", \"portno\": 8000, \"date\": \"12:00:00 2017\", \"msg\": \"\", \"cmd\": \"HOST\"}";

    private final List<Message> handled = new ArrayList<>();
    private final ConnectionProcessor processor = processor(9999);

    private ConnectionProcessor processor(int maxPayload) {
        Map<Command, CommandHandler> handlers = new EnumMap<>(Command.class);
        handlers.put(Command.HOST, new HostHandler(SELF));
        handlers.put(Command.UPDATE, (request, replies) -> {
            handled.add(request);
            throw new RequestException("field 'msg': not a peer");
        });
        handlers.put(Command.GET_PEERS, (request, replies) -> {
            handled.add(request);
            throw new IllegalStateException("a bug in a handler");
        });
        Dispatcher dispatcher = new Dispatcher(handlers, command -> command + " is not taken on this listener");
        return new ConnectionProcessor("test", dispatcher, SELF, maxPayload);
    }

    private static byte[] frame(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return concat(String.format("%04d", body.length).getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private byte[] run(ConnectionProcessor p, byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.process(new ByteArrayInputStream(input), out, "test-client");
        return out.toByteArray();
    }

    private byte[] run(byte[] input) throws IOException {
        return run(processor, input);
    }

    /** All frames in {@code output}, decoded. */
    private static List<Message> frames(byte[] output) throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(output));
        List<Message> frames = new ArrayList<>();
        for (Optional<String> f = reader.read(); f.isPresent(); f = reader.read()) {
            frames.add(MessageCodec.decode(f.get()));
        }
        return frames;
    }

    /** Checks that {@code output} is exactly one ERR frame from us and returns its msg. */
    private static String singleError(byte[] output, int portno) throws Exception {
        List<Message> frames = frames(output);
        assertEquals(1, frames.size(), "exactly one reply frame: " + new String(output, StandardCharsets.UTF_8));
        Message err = frames.get(0);
        assertEquals(Command.ERR, err.cmd());
        assertEquals(SELF.hostname(), err.id());
        assertEquals(portno, err.portno());
        return err.msg();
    }

    @Test
    void aHostRequestIsAnsweredWithTheExactBytes() throws Exception {
        byte[] request =
                concat("0086".getBytes(StandardCharsets.US_ASCII), HOST_REQUEST.getBytes(StandardCharsets.UTF_8));

        byte[] reply = run(request);

        String expected =
                "0116{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"" + SELF.hostname() + "\",\"portno\":8000}";
        assertArrayEquals(
                expected.getBytes(StandardCharsets.US_ASCII), reply, new String(reply, StandardCharsets.UTF_8));
    }

    @Test
    void oneRequestPerConnection() throws Exception {
        byte[] twoRequests = concat(frame(HOST_REQUEST), frame(HOST_REQUEST));

        assertEquals(1, frames(run(twoRequests)).size());
    }

    @Test
    void emptyInputGivesNoOutput() throws Exception {
        assertEquals(0, run(new byte[0]).length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "non-digit header   | abcd{}                 | bad frame: frame header must be 4 ASCII digits, got \"abcd\"",
                "sign in header     | -012{\"cmd\":\"HOST\"} | bad frame: frame header must be 4 ASCII digits",
                "short header       | 00                     | bad frame: connection closed after 2 of 4 header bytes",
                "zero length        | 0000                   | bad frame: frame length 0000: a frame cannot be empty",
                "truncated payload  | 0050{\"cmd\":\"HOST\"} | bad frame: connection closed after 14 of 50 payload bytes",
                "invalid JSON       | 0005{cmd:}             | bad message: payload is not valid JSON",
                "trailing garbage   | 0004{}{}               | bad message: payload is not valid JSON",
                "top-level array    | 0002[]                 | bad message: message must be a JSON object, got an array",
            })
    void aBrokenRequestGetsExactlyOneErrSayingWhy(String what, String input, String expectedStart) throws Exception {
        String msg = singleError(run(input.getBytes(StandardCharsets.UTF_8)), 0);

        assertTrue(msg.startsWith(expectedStart), what + ": " + msg);
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] payload =
                "{\"cmd\":\"HOST\",\"id\":\"\u00ff\",\"msg\":\"\",\"portno\":1}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] input = concat(String.format("%04d", payload.length).getBytes(StandardCharsets.US_ASCII), payload);

        assertEquals("bad frame: frame payload is not valid UTF-8", singleError(run(input), 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "no cmd        | {\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}                  | field 'cmd' is missing",
                "no id         | {\"cmd\":\"HOST\",\"msg\":\"\",\"portno\":8000}                      | field 'id' is missing",
                "no msg        | {\"cmd\":\"HOST\",\"id\":\"localhost\",\"portno\":8000}              | field 'msg' is missing",
                "no portno     | {\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\"}                 | field 'portno' is missing",
                "portno string | {\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":\"80\"} | field 'portno' must be an integer, got a string",
                "msg number    | {\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":5,\"portno\":80}       | field 'msg' must be a string, got a number",
                "date number   | {\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":80,\"date\":1} | field 'date' must be a string, got a number",
            })
    void aMissingOrMistypedFieldIsNamed(String what, String json, String expected) throws Exception {
        assertEquals("bad message: " + expected, singleError(run(frame(json)), 0), what);
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        String msg =
                singleError(run(frame("{\"cmd\":\"FETCH\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}")), 0);

        assertEquals("bad message: unknown command 'FETCH'", msg);
    }

    @Test
    void commandNamesAreCaseSensitive() throws Exception {
        String msg = singleError(run(frame("{\"cmd\":\"host\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}")), 0);

        assertEquals("bad message: unknown command 'host'", msg);
    }

    @Test
    void aFrameOverTheConfiguredLimitIsRefused() throws Exception {
        String big = "{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"" + "x".repeat(560) + "\",\"portno\":8000}";
        int length = big.length();

        String msg = singleError(run(processor(512), frame(big)), 0);

        assertEquals("bad frame: frame of " + length + " bytes exceeds the maximum of 512", msg);
        assertEquals(1, frames(run(processor(9999), frame(big))).size());
        assertEquals(
                Command.HOST, frames(run(processor(9999), frame(big))).get(0).cmd());
    }

    @Test
    void aCommandWithoutAHandlerIsRefusedWithTheListenersReason() throws Exception {
        String msg = singleError(run(frame("{\"cmd\":\"RECV\",\"id\":\"x\",\"msg\":\"hi\",\"portno\":80}")), 80);

        assertEquals("RECV is not taken on this listener", msg);
    }

    @Test
    void aRequestExceptionBecomesErrEchoingPortno() throws Exception {
        String msg = singleError(
                run(frame("{\"cmd\":\"UPDATE\",\"id\":\"localhost\",\"msg\":\"x\",\"portno\":1234}")), 1234);

        assertEquals("field 'msg': not a peer", msg);
        assertEquals(1, handled.size());
    }

    @Test
    void aRuntimeExceptionBecomesAnInternalErrorAndTheProcessorCarriesOn() throws Exception {
        String msg =
                singleError(run(frame("{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":7}")), 7);

        assertTrue(msg.startsWith("internal error"), msg);
        assertTrue(msg.contains("GET_PEERS"), msg);
        assertTrue(!msg.contains("a bug in a handler"), "internals stay in the log: " + msg);

        List<Message> next = frames(run(frame(HOST_REQUEST)));
        assertEquals(1, next.size());
        assertEquals(SELF.hostname(), next.get(0).msg());
    }

    @Test
    void refuseBusyWritesOneErr() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        processor.refuseBusy(out, "test-client", 16);

        assertEquals("too many connections (limit 16); try again", singleError(out.toByteArray(), 0));
    }

    private static final String TOKEN = "ab".repeat(32);

    /** A control listener that requires the token; its EXIT handler only counts. */
    private ConnectionProcessor requiringToken() {
        Map<Command, CommandHandler> handlers = new EnumMap<>(Command.class);
        handlers.put(Command.HOST, new HostHandler(SELF));
        handlers.put(Command.EXIT, (request, replies) -> {
            handled.add(request);
            replies.send(Message.of(Command.END, "localhost", request.portno(), ""));
        });
        Dispatcher dispatcher = new Dispatcher(handlers, command -> command + " is not taken on this listener");
        return new ConnectionProcessor(
                "control",
                dispatcher,
                SELF,
                9999,
                ControlAuthenticator.requiring(TOKEN),
                ConnectionProcessor.digest(ConnectionProcessor.WARNINGS_PER_MINUTE));
    }

    private static String request(String cmd, String authField) {
        return "{\"cmd\":\"" + cmd + "\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000" + authField + "}";
    }

    @Test
    void withoutTheTokenNoHandlerRunsAndTheErrSaysWhatToSend() throws Exception {
        List<Message> replies = frames(run(requiringToken(), frame(request("EXIT", ""))));

        assertEquals(1, replies.size());
        assertEquals(Command.ERR, replies.get(0).cmd());
        assertEquals(
                "authentication required: send the control token from DATA_DIR/control.cookie in the 'auth' field",
                replies.get(0).msg());
        assertEquals("localhost", replies.get(0).id(), "an unauthenticated client does not learn our onion address");
        assertEquals(8000, replies.get(0).portno());
        assertEquals(List.of(), handled, "no handler ran");
    }

    @Test
    void aWrongTokenGetsErrAndNoHandlerRuns() throws Exception {
        List<Message> replies =
                frames(run(requiringToken(), frame(request("EXIT", ",\"auth\":\"" + "ab".repeat(31) + "ac\""))));

        assertEquals(1, replies.size());
        assertEquals(Command.ERR, replies.get(0).cmd());
        assertEquals("wrong control token", replies.get(0).msg());
        assertEquals(List.of(), handled);
    }

    @Test
    void theRightTokenReachesTheHandler() throws Exception {
        List<Message> host = frames(run(requiringToken(), frame(request("HOST", ",\"auth\":\"" + TOKEN + "\""))));
        assertEquals(Command.HOST, host.get(0).cmd());
        assertEquals(SELF.hostname(), host.get(0).msg());

        frames(run(requiringToken(), frame(request("EXIT", ",\"auth\":\"" + TOKEN + "\""))));
        assertEquals(1, handled.size());
        assertEquals(Command.EXIT, handled.get(0).cmd());
    }

    @Test
    void badFramesOnAProtectedListenerDoNotTellOurAddress() throws Exception {
        List<Message> replies = frames(run(requiringToken(), "abcd{}".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(Command.ERR, replies.get(0).cmd());
        assertEquals("localhost", replies.get(0).id());
    }

    @Test
    void withoutARequiredTokenAnAuthFieldIsIgnored() throws Exception {
        byte[] reply = run(frame(request("HOST", ",\"auth\":\"whatever\"")));

        assertEquals(SELF.hostname(), frames(reply).get(0).msg());
    }

    /** A streaming command reads the frames after it; each further frame renews the read deadline. */
    private ConnectionProcessor streaming(List<String> seen) {
        StreamingHandler counter = (first, more, replies) -> {
            Optional<Message> next;
            while ((next = more.next()).isPresent()) {
                seen.add(next.get().cmd() + " " + next.get().msg());
            }
            replies.send(Message.of(Command.END, first.id(), first.portno(), String.valueOf(seen.size())));
        };
        Dispatcher dispatcher = new Dispatcher(Map.of(), Map.of(Command.FILEUP, counter), c -> c + " not here");
        return new ConnectionProcessor("test", dispatcher, SELF, 9999);
    }

    @Test
    void aStreamingCommandReadsTheFollowingFramesOfItsConnection() throws Exception {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] renewals = {0};
        byte[] input = concat(
                frame("{\"cmd\":\"FILEUP\",\"id\":\"localhost\",\"msg\":\"f\",\"portno\":1}"),
                frame("{\"cmd\":\"FILEDATA\",\"id\":\"localhost\",\"msg\":\"1\",\"portno\":1}"),
                frame("{\"cmd\":\"FILEEND\",\"id\":\"localhost\",\"msg\":\"2\",\"portno\":1}"));
        ReadDeadline counting = new ReadDeadline() {
            @Override
            public void renew() {
                renewals[0]++;
            }

            @Override
            public void renew(java.time.Duration time) {
                throw new AssertionError("a file stream keeps the listener's deadline");
            }
        };
        streaming(seen).process(new ByteArrayInputStream(input), out, "test-client", () -> {}, counting);
        assertEquals(List.of("FILEDATA 1", "FILEEND 2"), seen);
        assertEquals(3, renewals[0], "one renewal before each further frame, and before the end");
        assertEquals("2", frames(out.toByteArray()).get(0).msg());
    }

    @Test
    void aBadFrameInTheMiddleOfAStreamEndsItWithErr() throws Exception {
        List<String> seen = new ArrayList<>();
        byte[] input = concat(
                frame("{\"cmd\":\"FILEUP\",\"id\":\"localhost\",\"msg\":\"f\",\"portno\":1}"),
                frame("{\"cmd\":\"FILEDATA\",\"id\":\"localhost\",\"msg\":\"1\",\"portno\":1}"),
                frame("not json"),
                frame("{\"cmd\":\"FILEEND\",\"id\":\"localhost\",\"msg\":\"2\",\"portno\":1}"));
        List<Message> replies = frames(run(streaming(seen), input));
        assertEquals(List.of("FILEDATA 1"), seen);
        assertEquals(1, replies.size(), replies.toString());
        assertEquals(Command.ERR, replies.get(0).cmd());
        assertTrue(
                replies.get(0).msg().startsWith("bad message: payload is not valid JSON"),
                replies.get(0).msg());
    }
}
