package org.torchat.bench.jmh;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.torchat.protocol.Command;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.identity.Ed25519Identity;
import org.torchat.protocol.onion.OnionAddress;

/** Microbenchmarks of the protocol layer: framing, JSON, signatures, onion addresses. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtocolBenchmarks {
    private String json;
    private byte[] frame;
    private Message message;
    private Ed25519Identity identity;
    private byte[] publicKey;
    private byte[] signature;
    private byte[] signed;
    private String address;

    @Setup
    public void setUp() throws Exception {
        identity = Ed25519Identity.generate();
        publicKey = identity.publicKey();
        address = identity.onionAddress().hostname();
        message = Message.of(Command.RECV, address, 80, "hello, this is a typical chat message of some length")
                .withDate("Wed Nov 25 18:56:20 2026");
        json = MessageCodec.encode(message);
        frame = FrameWriter.encode(json);
        signed = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signature = identity.sign(signed);
    }

    @Benchmark
    public byte[] frameEncode() throws Exception {
        return FrameWriter.encode(json);
    }

    @Benchmark
    public String frameDecode() throws Exception {
        return new FrameReader(new ByteArrayInputStream(frame)).read().orElseThrow();
    }

    @Benchmark
    public String messageEncode() {
        return MessageCodec.encode(message);
    }

    @Benchmark
    public Message messageDecode() throws Exception {
        return MessageCodec.decode(json);
    }

    @Benchmark
    public byte[] sign() {
        return identity.sign(signed);
    }

    @Benchmark
    public boolean verify() {
        return Ed25519Identity.verify(publicKey, signed, signature);
    }

    @Benchmark
    public OnionAddress onionFromPublicKey() {
        return OnionAddress.fromPublicKey(publicKey);
    }

    @Benchmark
    public OnionAddress onionParse() throws Exception {
        return OnionAddress.parse(address);
    }
}
