package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    private static final String ALICE = "alicealicealice2.onion";
    private static final String BOB = "bobbobbobbobbob2.onion";

    /** Reply frames exactly as the original C daemon wrote them (C-DAEMON-TRANSCRIPTS.md, section 4). */
    static Stream<Arguments> cDaemonFrames() {
        return Stream.of(
                arguments(
                        Message.of(Command.HOST, "localhost", 8000, ALICE),
                        "0076{\"cmd\":\"HOST\",\"id\":\"localhost\","
                                + "\"msg\":\"alicealicealice2.onion\",\"portno\":8000}"),
                arguments(
                        Message.of(Command.GET_PEERS, "localhost", 8000, ""),
                        "0059{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":8000}"),
                arguments(
                        Message.of(Command.GET_PEERS, "localhost", 8000, "carolcarolcarol2.onion," + BOB),
                        "0104{\"cmd\":\"GET_PEERS\",\"id\":\"localhost\","
                                + "\"msg\":\"carolcarolcarol2.onion,bobbobbobbobbob2.onion\",\"portno\":8000}"),
                arguments(
                        Message.of(Command.END, BOB, 8000, BOB),
                        "0088{\"cmd\":\"END\",\"id\":\"bobbobbobbobbob2.onion\","
                                + "\"msg\":\"bobbobbobbobbob2.onion\",\"portno\":8000}"),
                arguments(
                        Message.of(Command.RECV, BOB, 1234, "hello alice").withDate("18:57"),
                        "0093{\"cmd\":\"RECV\",\"date\":\"18:57\",\"id\":\"bobbobbobbobbob2.onion\","
                                + "\"msg\":\"hello alice\",\"portno\":1234}"),
                arguments(
                        Message.of(Command.RECV, BOB, 8000, "%x.%x.%x.%x").withDate("18:58"),
                        "0093{\"cmd\":\"RECV\",\"date\":\"18:58\",\"id\":\"bobbobbobbobbob2.onion\","
                                + "\"msg\":\"%x.%x.%x.%x\",\"portno\":8000}"),
                arguments(
                        Message.of(Command.END, ALICE, 80, ""),
                        "0064{\"cmd\":\"END\",\"id\":\"alicealicealice2.onion\",\"msg\":\"\",\"portno\":80}"),
                arguments(
                        Message.of(Command.ERR, ALICE, 80, "TOR couldn't send the message"),
                        "0093{\"cmd\":\"ERR\",\"id\":\"alicealicealice2.onion\","
                                + "\"msg\":\"TOR couldn't send the message\",\"portno\":80}"),
                arguments(
                        Message.of(Command.HOST, "localhost", -1, ALICE),
                        "0074{\"cmd\":\"HOST\",\"id\":\"localhost\",\"msg\":\"alicealicealice2.onion\",\"portno\":-1}"),
                // Peer-to-peer frames the sending daemon wrote through SOCKS.
                arguments(
                        Message.of(Command.RECV, ALICE, 80, "hello bob").withDate("12:00:00 2017"),
                        "0097{\"cmd\":\"RECV\",\"date\":\"12:00:00 2017\",\"id\":\"alicealicealice2.onion\","
                                + "\"msg\":\"hello bob\",\"portno\":80}"),
                arguments(
                        Message.of(Command.RECV, ALICE, 80, "no date field").withDate("Wed Nov 25 18:58:15 2026"),
                        "0112{\"cmd\":\"RECV\",\"date\":\"Wed Nov 25 18:58:15 2026\",\"id\":\"alicealicealice2.onion\","
                                + "\"msg\":\"no date field\",\"portno\":80}"),
                // text_escaping: raw UTF-8 for é and ✓, JSON escapes for quote, backslash and newline.
                arguments(
                        Message.of(Command.RECV, BOB, 8000, "h\u00e9llo \u2713 \"q\" back\\slash\nnewline")
                                .withDate("18:57"),
                        "0119{\"cmd\":\"RECV\",\"date\":\"18:57\",\"id\":\"bobbobbobbobbob2.onion\","
                                + "\"msg\":\"h\u00e9llo \u2713 \\\"q\\\" back\\\\slash\\nnewline\",\"portno\":8000}"));
    }

    @ParameterizedTest
    @MethodSource("cDaemonFrames")
    void encodeReproducesTheCDaemonsFrameByteForByte(Message message, String expectedFrame) throws Exception {
        byte[] frame = FrameWriter.encode(MessageCodec.encode(message));

        assertArrayEquals(
                expectedFrame.getBytes(StandardCharsets.UTF_8),
                frame,
                () -> "got " + new String(frame, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("cDaemonFrames")
    void decodingTheCDaemonsFrameGivesTheSameMessage(Message message, String expectedFrame) throws Exception {
        assertEquals(message, MessageCodec.decode(expectedFrame.substring(4)));
    }

    @Test
    void textEscapingRepliesCarryRawUtf8Bytes() {
        byte[] json = MessageCodec.encode(Message.of(Command.RECV, BOB, 8000, "h\u00e9llo \u2713"))
                .getBytes(StandardCharsets.UTF_8);
        String text = new String(json, StandardCharsets.ISO_8859_1);

        assertTrue(text.contains("h\u00c3\u00a9llo \u00e2\u009c\u0093"), "é and ✓ as raw UTF-8: " + text);
        assertFalse(text.contains("\\u"), "no \\u escapes: " + text);
    }

    @Test
    void textEscapingRequestFromTheSeedClientDecodesAndItsReplyMatchesTheCDaemon() throws Exception {
        // The request the seed client sent (Python json.dumps: spaced, ASCII-only with u-escapes),
        // then the reply the C daemon gave.
        String request = "{\"id\": \"bobbobbobbobbob2.onion\", \"portno\": 80, \"date\": \"18:57:56 2026\", "
                + "\"msg\": \"h\\u00e9llo \\u2713 \\\"q\\\" back\\\\slash\\nnewline\", \"cmd\": \"RECV\"}";
        String expectedReply = "{\"cmd\":\"RECV\",\"date\":\"18:57\",\"id\":\"bobbobbobbobbob2.onion\","
                + "\"msg\":\"h\u00e9llo \u2713 \\\"q\\\" back\\\\slash\\nnewline\",\"portno\":8000}";

        Message received = MessageCodec.decode(request);
        assertEquals("h\u00e9llo \u2713 \"q\" back\\slash\nnewline", received.msg());

        Message reply = new Message(Command.RECV, received.id(), 8000, received.msg(), "18:57", Map.of());
        assertEquals(expectedReply, MessageCodec.encode(reply));
    }

    @Test
    void controlCharactersAreEscapedLikeNlohmannJson() {
        // nlohmann::json 2.x escapes \b \f \n \r \t in short form and other C0 controls as a six-character
        // u-escape with LOWERCASE hex digits; DEL, '/' and U+2028 stay unescaped.
        String msg =
                "a" + (char) 0x01 + "b" + (char) 0x1f + "c" + (char) 0x1b + "d" + (char) 0x7f + "\b\f\n\r\t/\u2028";

        String json = MessageCodec.encode(Message.of(Command.RECV, "x", 1, msg));

        assertEquals(
                "{\"cmd\":\"RECV\",\"id\":\"x\",\"msg\":\"a\\u0001b\\u001fc\\u001bd" + (char) 0x7f
                        + "\\b\\f\\n\\r\\t/\u2028\",\"portno\":1}",
                json);
    }

    @Test
    void dateIsWrittenOnlyWhenPresent() throws Exception {
        Message withoutDate = Message.of(Command.UPDATE, "localhost", 8000, BOB);

        assertFalse(MessageCodec.encode(withoutDate).contains("date"));
        assertEquals(
                Optional.empty(),
                MessageCodec.decode(MessageCodec.encode(withoutDate)).dateIfPresent());
        assertEquals(
                Optional.of("18:57"),
                MessageCodec.decode(MessageCodec.encode(withoutDate.withDate("18:57")))
                        .dateIfPresent());
    }

    @Test
    void extensionFieldsTakeTheirAlphabeticalPlaceAmongTheCoreFields() throws Exception {
        Message message = Message.of(Command.RECV, "x", 1, "hi")
                .withDate("18:57")
                .withExtension("zeta", json("{\"k\":1}"))
                .withExtension("nonce", json("\"n\""))
                .withExtension("extra", json("[1,2]"))
                .withExtension("ack", json("true"))
                .withExtension("B", json("null"));

        String encoded = MessageCodec.encode(message);

        assertEquals(
                "{\"B\":null,\"ack\":true,\"cmd\":\"RECV\",\"date\":\"18:57\",\"extra\":[1,2],\"id\":\"x\","
                        + "\"msg\":\"hi\",\"nonce\":\"n\",\"portno\":1,\"zeta\":{\"k\":1}}",
                encoded);
        assertEquals(message, MessageCodec.decode(encoded));
    }

    @Test
    void unknownFieldsOfAnOldPeerAreKeptAsExtensions() throws Exception {
        Message decoded =
                MessageCodec.decode("{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1,\"extra\":[1,2]}");

        assertEquals(Optional.of(json("[1,2]")), decoded.extension("extra"));
        assertEquals(1, decoded.extensions().size());
        assertEquals(
                "{\"cmd\":\"HOST\",\"extra\":[1,2],\"id\":\"x\",\"msg\":\"\",\"portno\":1}",
                MessageCodec.encode(decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmd", "id", "msg", "portno", "date"})
    void extensionMayNotReuseACoreFieldName(String name) {
        Message base = Message.of(Command.HOST, "x", 1, "");

        assertThrows(IllegalArgumentException.class, () -> base.withExtension(name, json("1")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Message(Command.HOST, "x", 1, "", null, Map.of(name, json("1"))));
    }

    @Test
    void decodesTheSeedClientsSpacedJsonWithADate() throws Exception {
        Message decoded = MessageCodec.decode("{\"id\": \"localhost\", \"portno\": 8000, "
                + "\"date\": \"12:00:00 2017\", \"msg\": \"\", \"cmd\": \"HOST\"}");

        assertEquals(new Message(Command.HOST, "localhost", 8000, "", "12:00:00 2017", Map.of()), decoded);
    }

    @Test
    void decodesCompactJsonWithoutADate() throws Exception {
        Message decoded = MessageCodec.decode(
                "{\"id\":\"bobbobbobbobbob2.onion\",\"portno\":80,\"msg\":\"second message\",\"cmd\":\"RECV\"}");

        assertEquals(Message.of(Command.RECV, BOB, 80, "second message"), decoded);
        assertEquals(Optional.empty(), decoded.dateIfPresent());
    }

    @Test
    void decodeAcceptsSurroundingWhitespace() throws Exception {
        assertEquals(
                Message.of(Command.HOST, "x", 1, ""),
                MessageCodec.decode("  {\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1} \n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void decodeAcceptsAnyIntPortno(int portno) throws Exception {
        String json = "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":" + portno + "}";

        assertEquals(portno, MessageCodec.decode(json).portno());
        assertEquals(json, MessageCodec.encode(MessageCodec.decode(json)));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                arguments("{\"id\":\"localhost\",\"portno\":8000,\"date\":\"12:00:00 2017\",\"msg\":\"\"}", "cmd"),
                arguments("{\"portno\":8000,\"date\":\"12:00:00 2017\",\"msg\":\"\",\"cmd\":\"HOST\"}", "id"),
                arguments("{\"id\":\"localhost\",\"portno\":8000,\"date\":\"12:00:00 2017\",\"cmd\":\"HOST\"}", "msg"),
                arguments("{\"id\":\"localhost\",\"date\":\"12:00:00 2017\",\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":\"80\",\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":80.9,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":true,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":null,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":1099511627776,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":2147483648,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":-2147483649,\"msg\":\"\",\"cmd\":\"HOST\"}", "portno"),
                arguments("{\"id\":\"localhost\",\"portno\":1,\"msg\":5,\"cmd\":\"HOST\"}", "msg"),
                arguments("{\"id\":\"localhost\",\"portno\":1,\"msg\":null,\"cmd\":\"HOST\"}", "msg"),
                arguments("{\"id\":null,\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\"}", "id"),
                arguments("{\"id\":[\"x\"],\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\"}", "id"),
                arguments("{\"id\":\"localhost\",\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\",\"date\":5}", "date"),
                arguments("{\"id\":\"localhost\",\"portno\":1,\"msg\":\"\",\"cmd\":\"HOST\",\"date\":null}", "date"),
                arguments("{\"id\":\"localhost\",\"portno\":1,\"msg\":\"\",\"cmd\":5}", "cmd"),
                arguments("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"FOO\"}", "cmd"),
                arguments("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"host\"}", "cmd"),
                arguments("{\"id\":\"localhost\",\"portno\":8000,\"msg\":\"\",\"cmd\":\"\"}", "cmd"));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void decodeErrorNamesTheOffendingField(String json, String field) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(json));

        assertEquals(Optional.of(field), e.field(), e.getMessage());
    }

    @Test
    void portnoOutOfIntRangeSaysSo() {
        InvalidMessageException e = assertThrows(
                InvalidMessageException.class,
                () -> MessageCodec.decode(
                        "{\"id\":\"localhost\",\"portno\":1099511627776,\"msg\":\"\",\"cmd\":\"HOST\"}"));

        assertTrue(e.getMessage().contains("range"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[1,2]",
                "\"just a string\"",
                "42",
                "null",
                "",
                "   ",
                "this is not json",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1}xyz",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1} {}",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"id\":\"y\",\"msg\":\"\",\"portno\":1}",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1,\"extra\":1,\"extra\":2}",
                "{\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":NaN}",
                "/* comment */ {\"cmd\":\"HOST\",\"id\":\"x\",\"msg\":\"\",\"portno\":1}",
                "{'cmd':'HOST','id':'x','msg':'','portno':1}"
            })
    void payloadThatIsNotASingleJsonObjectIsInvalidWithoutAField(String json) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(json));

        assertEquals(Optional.empty(), e.field(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Whatever a peer sends, the error says what is wrong in our words, never the parser's classes or limits. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{cmd:}",
                "{\"cmd\":\"HOST\"",
                "{}{}",
                "[1,2",
                "\u0000",
                "{\"cmd\":\"HOST\",\"cmd\":1}",
                "{\"a\":99999999999999999999999999999999999999999999999999999}",
                "nul"
            })
    void errorsNeverExposeLibraryInternals(String json) {
        String message = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(json))
                .getMessage();
        assertNoInternals(message);
    }

    @Test
    void tooDeepNestingIsDescribedPlainly() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        String message = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(deep))
                .getMessage();
        assertTrue(message.contains("nests too deeply"), message);
        assertNoInternals(message);
    }

    @Test
    void anUnknownCommandIsEchoedShort() {
        String json = "{\"cmd\":\"" + "X".repeat(5000) + "\",\"id\":\"a\",\"msg\":\"\",\"portno\":1}";
        String message = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(json))
                .getMessage();
        assertTrue(message.length() < 80, message);
    }

    private static void assertNoInternals(String message) {
        for (String leak : new String[] {
            "com.fasterxml",
            "jackson",
            "Jackson",
            "StreamReadConstraints",
            "`",
            "java.",
            "Exception",
            "JsonToken",
            "START_"
        }) {
            assertFalse(message.contains(leak), leak + " in: " + message);
        }
    }
}
