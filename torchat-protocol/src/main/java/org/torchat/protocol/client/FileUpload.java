package org.torchat.protocol.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.torchat.protocol.Command;
import org.torchat.protocol.DeadlineInputStream;
import org.torchat.protocol.Extensions;
import org.torchat.protocol.FileChunks;
import org.torchat.protocol.FrameReader;
import org.torchat.protocol.FrameWriter;
import org.torchat.protocol.Message;
import org.torchat.protocol.MessageCodec;
import org.torchat.protocol.ProtocolException;

/**
 * One FILEUP exchange on one connection (docs/PROTOCOL.md, "Sending a file"): the offer (name, size, SHA-256),
 * the daemon's END with the transfer id, then the file's chunks without waiting for answers, FILEEND, and the
 * daemon's final END or ERR. The client may be on another machine: the bytes travel, not a path.
 */
public final class FileUpload {
    /** Hears how many of the file's bytes have been written to the daemon. */
    @FunctionalInterface
    public interface Progress {
        void sent(long bytes, long total);
    }

    private final FrameWriter writer;
    private final DeadlineInputStream in;
    private final FrameReader reader;

    FileUpload(Socket socket, Duration replyTimeout) throws IOException {
        this.writer = new FrameWriter(socket.getOutputStream());
        this.in = new DeadlineInputStream(socket, replyTimeout);
        this.reader = new FrameReader(in);
    }

    /** {@code offer} is the FILEUP frame without name, size and hash; returns the daemon's last reply. */
    Message upload(Message offer, Path file, Progress progress) throws IOException, ProtocolException {
        long size = Files.size(file);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Message begin = new Message(
                        offer.cmd(),
                        offer.id(),
                        offer.portno(),
                        String.valueOf(file.getFileName()),
                        null,
                        offer.extensions())
                .withExtension(Extensions.SIZE, nodes.numberNode(size))
                .withExtension(Extensions.SHA256, nodes.textNode(sha256(file)));
        writer.write(MessageCodec.encode(begin));
        Message accepted = reply();
        if (accepted.cmd() != Command.END) {
            return accepted;
        }
        try {
            streamChunks(file, size, progress);
            writer.write(MessageCodec.encode(Message.of(Command.FILEEND, DaemonClient.LOCALHOST, 0, "")));
        } catch (IOException e) {
            // The daemon refused a chunk and closed: its ERR, if it arrived, says why.
            return reply();
        }
        return reply();
    }

    private void streamChunks(Path file, long size, Progress progress) throws IOException, ProtocolException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Base64.Encoder base64 = Base64.getEncoder();
        try (InputStream in = Files.newInputStream(file)) {
            long offset = 0;
            byte[] chunk;
            while (offset < size && (chunk = in.readNBytes(FileChunks.CHUNK_BYTES)).length > 0) {
                writer.write(MessageCodec.encode(Message.of(Command.FILEDATA, DaemonClient.LOCALHOST, 0, "")
                        .withExtension(Extensions.OFFSET, nodes.numberNode(offset))
                        .withExtension(Extensions.DATA, nodes.textNode(base64.encodeToString(chunk)))));
                offset += chunk.length;
                progress.sent(offset, size);
            }
        }
    }

    /** Each answer gets the whole reply timeout: a large upload may take longer than that. */
    private Message reply() throws IOException, ProtocolException {
        in.renew();
        Optional<String> frame = reader.read();
        if (frame.isEmpty()) {
            throw new IOException("the daemon closed the connection without answering FILEUP");
        }
        return MessageCodec.decode(frame.get());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
