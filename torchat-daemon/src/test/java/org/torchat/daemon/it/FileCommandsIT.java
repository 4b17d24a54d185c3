package org.torchat.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.daemon.testing.TorchatCli.torchat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.daemon.testing.Await;
import org.torchat.daemon.testing.TestDaemon;
import org.torchat.daemon.testing.TestSocks5Server;
import org.torchat.daemon.testing.TorchatCli.Run;
import org.torchat.protocol.Command;

/** The scripting commands for files (send-file, transfers, accept-file, reject-file) against two real daemons. */
class FileCommandsIT {
    @TempDir
    Path tmp;

    private TestSocks5Server socks;
    private TestDaemon alice;
    private TestDaemon bob;

    @BeforeEach
    void start() throws Exception {
        socks = new TestSocks5Server();
        alice = TestDaemon.startReachable(tmp, "alice", socks, "retrydelay: 200");
        bob = TestDaemon.startReachable(tmp, "bob", socks);
        bob.client().changeContact(Command.ADD_CONTACT, alice.address().hostname(), ""); // only contacts offer files
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        socks.close();
    }

    @Test
    void sendFileWaitsUntilTheOfferIsAcceptedAndDelivered() throws Exception {
        Path file = Files.writeString(tmp.resolve("letter.txt"), "dear bob\n".repeat(2000));
        CompletableFuture<Run> sending = CompletableFuture.supplyAsync(
                () -> torchat("send-file", bob.address().hostname(), file.toString(), "--wait", "-p", port(alice)));
        String tid = awaitOfferOnBob();

        Run accept = torchat("accept-file", tid, "-p", port(bob));
        assertEquals(0, accept.code(), accept.err());

        Run sent = sending.get(60, TimeUnit.SECONDS);
        assertEquals(0, sent.code(), sent.err());
        List<String> lines = sent.out().lines().toList();
        assertEquals(tid, lines.get(0), "the transfer id first");
        assertEquals("delivered", lines.get(lines.size() - 1), sent.out());
        assertTrue(lines.contains("offered"), sent.out());

        Run listed = torchat("transfers", "--json", "-p", port(bob));
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("\"state\":\"complete\""), listed.out());
        assertTrue(listed.out().contains("\"path\":\"" + tmp.resolve("bob/downloads/letter.txt") + "\""), listed.out());
        assertEquals(Files.readString(file), Files.readString(tmp.resolve("bob/downloads/letter.txt")));
    }

    @Test
    void aRefusedFileMakesSendFileWaitFailWithTheReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("spam.txt"), "buy now");
        CompletableFuture<Run> sending = CompletableFuture.supplyAsync(
                () -> torchat("send-file", bob.address().hostname(), file.toString(), "--wait", "-p", port(alice)));
        String tid = awaitOfferOnBob();
        assertEquals(0, torchat("reject-file", tid, "-p", port(bob)).code());

        Run sent = sending.get(60, TimeUnit.SECONDS);
        assertEquals(1, sent.code(), sent.out());
        assertTrue(sent.err().contains("rejected") && sent.err().contains("refused by the recipient"), sent.err());
    }

    @Test
    void badArgumentsAreUsageErrorsAndUnknownOffersAreRefused() throws Exception {
        Run missing = torchat(
                "send-file", bob.address().hostname(), tmp.resolve("nope").toString(), "-p", port(alice));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("is not a readable file"), missing.err());
        Run badId = torchat("accept-file", "xyz", "-p", port(bob));
        assertEquals(2, badId.code());
        assertTrue(badId.err().contains("32 lowercase hex digits"), badId.err());
        Run unknown = torchat("accept-file", "0".repeat(32), "-p", port(bob));
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no incoming offer"), unknown.err());
        assertEquals(0, torchat("transfers", "-p", port(bob)).out().length());
    }

    private String awaitOfferOnBob() throws Exception {
        String listing = Await.until(
                () -> torchat("transfers", "-p", port(bob)).out(), s -> s.contains("offered"), Duration.ofSeconds(30));
        return listing.lines()
                .filter(l -> l.contains("offered"))
                .findFirst()
                .orElseThrow()
                .split(" ")[0];
    }

    private static String port(TestDaemon d) {
        return String.valueOf(d.controlPort());
    }
}
