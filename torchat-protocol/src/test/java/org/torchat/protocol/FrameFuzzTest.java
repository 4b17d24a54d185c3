package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing (jqwik, net.jqwik:jqwik from Maven Central) of {@link FrameReader} and
 * {@link MessageCodec#decode}: whatever bytes arrive, reading and decoding either succeed or throw the documented
 * {@link ProtocolException} subtypes ({@link FrameException}, {@link InvalidMessageException}) or
 * {@link IOException}; nothing else (no RuntimeException, no Error), never hangs (each input runs under a 5 s
 * watchdog), and the reader stays in step: after a frame whose header was right, however bad its payload, the next
 * frame parses.
 *
 * <p>Bounded for CI: {@value #TRIES} inputs per property, 4 properties: 40,000 inputs, a few seconds. The seed
 * is random per run (jqwik prints it on failure; {@code @Property(seed = "...")} replays it).
 */
class FrameFuzzTest {
    static final int TRIES = 10_000;
    private static final ExecutorService WATCHDOG = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong INPUTS = new AtomicLong();

    @AfterContainer
    static void report() {
        System.out.println("FrameFuzzTest: " + INPUTS.get() + " inputs fed to FrameReader/MessageCodec");
    }

    @Property(tries = TRIES)
    void arbitraryBytesOnlyEverGiveDocumentedOutcomes(@ForAll @Size(max = 10_050) byte[] bytes) throws Exception {
        readAll(bytes);
    }

    @Property(tries = TRIES)
    void bytesWithAPlausibleHeaderOnlyEverGiveDocumentedOutcomes(@ForAll("withHeader") byte[] bytes) throws Exception {
        readAll(bytes);
    }

    @Property(tries = TRIES)
    void mutatedValidFramesOnlyEverGiveDocumentedOutcomes(@ForAll("mutatedFrames") byte[] bytes) throws Exception {
        readAll(bytes);
    }

    @Property(tries = TRIES)
    void aValidFrameAfterGarbageWithTheRightLengthStillParses(
            @ForAll("garbagePayload") byte[] garbage, @ForAll("messages") Message message) throws Exception {
        String json = MessageCodec.encode(message);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(String.format("%04d", garbage.length).getBytes(StandardCharsets.US_ASCII));
        stream.write(garbage);
        stream.write(FrameWriter.encode(json));
        byte[] bytes = stream.toByteArray();
        INPUTS.incrementAndGet();
        watched(() -> {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes));
            try {
                reader.read().ifPresent(FrameFuzzTest::decodeQuietly);
            } catch (FrameException e) {
                assertEquals(FrameException.Error.INVALID_UTF8, e.error(), "the header was right: " + e.getMessage());
            }
            Optional<String> next = reader.read();
            assertEquals(Optional.of(json), next, "the frame after the garbage");
            assertEquals(message, MessageCodec.decode(next.orElseThrow()));
            assertEquals(Optional.empty(), reader.read());
            return null;
        });
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<byte[]> withHeader() {
        Arbitrary<String> header = Arbitraries.integers().between(0, 9999).map(n -> String.format("%04d", n));
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(10_050);
        return Combinators.combine(header, body).as((h, b) -> concat(h.getBytes(StandardCharsets.US_ASCII), b));
    }

    @Provide
    Arbitrary<byte[]> garbagePayload() {
        Arbitrary<byte[]> binary =
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(9999);
        Arbitrary<byte[]> jsonish = Arbitraries.strings()
                .withChars("{}[]\":,0123456789.-eE \\ntrufalsHOSTRECVcmdidmsg")
                .ofMinLength(1)
                .ofMaxLength(400)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> text = Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(2000)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .filter(b -> b.length <= 9999);
        return Arbitraries.oneOf(binary, jsonish, text);
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Command> cmd = Arbitraries.of(Command.class);
        Arbitrary<String> id = Arbitraries.strings().all().ofMaxLength(70);
        Arbitrary<Integer> portno = Arbitraries.integers();
        Arbitrary<String> msg = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> date = Arbitraries.strings().all().ofMaxLength(30).injectNull(0.3);
        return Combinators.combine(cmd, id, portno, msg, date)
                .as((c, i, p, m, d) -> new Message(c, i, p, m, d, java.util.Map.of()))
                .filter(m -> MessageCodec.encode(m).getBytes(StandardCharsets.UTF_8).length <= 9999
                        && wellFormed(m.id())
                        && wellFormed(m.msg())
                        && (m.date() == null || wellFormed(m.date())));
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        Arbitrary<byte[]> valid = messages().map(m -> {
            try {
                return FrameWriter.encode(MessageCodec.encode(m));
            } catch (FrameException e) {
                throw new IllegalStateException(e);
            }
        });
        Arbitrary<List<int[]>> mutations = Arbitraries.integers()
                .between(0, 4)
                .flatMap(kind -> Arbitraries.integers()
                        .between(0, Integer.MAX_VALUE)
                        .flatMap(pos ->
                                Arbitraries.integers().between(0, 255).map(value -> new int[] {kind, pos, value})))
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
        return Combinators.combine(valid, mutations).as(FrameFuzzTest::mutate);
    }

    /** 0 flip a byte, 1 insert a byte, 2 delete a byte, 3 truncate, 4 replace a header digit. */
    private static byte[] mutate(byte[] frame, List<int[]> mutations) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : frame) {
            bytes.add(b);
        }
        for (int[] m : mutations) {
            int size = bytes.size();
            int pos = size == 0 ? 0 : m[1] % size;
            switch (m[0]) {
                case 0 -> {
                    if (size > 0) bytes.set(pos, (byte) m[2]);
                }
                case 1 -> bytes.add(m[1] % (size + 1), (byte) m[2]);
                case 2 -> {
                    if (size > 0) bytes.remove(pos);
                }
                case 3 -> {
                    while (bytes.size() > pos) bytes.remove(bytes.size() - 1);
                }
                default -> {
                    if (size > 4) bytes.set(m[1] % 4, (byte) ('0' + m[2] % 10));
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ the property

    /** Reads frames until the end, decoding each: only the documented exceptions may come out. */
    private static void readAll(byte[] bytes) throws Exception {
        INPUTS.incrementAndGet();
        watched(() -> {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes));
            for (int frames = 0; frames < 10_000; frames++) {
                Optional<String> payload;
                try {
                    payload = reader.read();
                } catch (FrameException | IOException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an explained refusal");
                    return null; // the daemon answers ERR and closes here
                }
                if (payload.isEmpty()) {
                    return null;
                }
                decodeQuietly(payload.get());
            }
            fail("more frames than bytes");
            return null;
        });
    }

    private static void decodeQuietly(String payload) {
        try {
            Message m = MessageCodec.decode(payload);
            // A decoded message must encode again (the daemon echoes parts of it in replies).
            MessageCodec.encode(m);
        } catch (InvalidMessageException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an explained refusal");
        }
    }

    /** Runs {@code body} with a 5 s watchdog: a hang fails the property instead of stalling CI. */
    private static void watched(java.util.concurrent.Callable<Void> body) throws Exception {
        Future<Void> result = WATCHDOG.submit(body);
        try {
            result.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            fail("hung for more than 5 s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("undocumented exception: " + cause, cause);
        }
    }

    private static boolean wellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
