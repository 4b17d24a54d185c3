package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.TransferEntry;

/** /fileup, /acceptfile, /rejectfile and transfers in the conversation, on a virtual terminal. */
@Timeout(20)
class FileTransferScreenTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);
    private static final String BOB = onion(2);
    private static final String OFFER = "ab12cd34" + "0".repeat(24);

    @TempDir
    Path tmp;

    @Test
    void fileupStreamsTheFileAndTheConversationShowsItsProgressThenDelivery() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        EventQueue events = new EventQueue();
        DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        Path file = Files.write(tmp.resolve("photo.jpg"), new byte[3000]);
        try (VirtualScreen v = new VirtualScreen(120, 24)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            InputHandler input = new InputHandler(state);
            type(input, "/fileup " + file);
            UiAction action = input.handle(new KeyStroke(KeyType.Enter)).orElseThrow();
            assertEquals(new UiAction.SendFile(ALICE, file), action);
            worker.sendFile(ALICE, file);
            drain(app, events);
            assertEquals(List.of(ALICE + " photo.jpg"), daemon.uploaded);
            String tid = daemon.transfers.get(0).transferId();
            assertEquals("[file " + tid.substring(0, 8) + "] > photo.jpg (2.9 KiB) offered", last(state));

            daemon.transfers.set(
                    0, new TransferEntry(tid, ALICE, "photo.jpg", false, "sending", 3000, 1500, null, null));
            app.apply(new UiEvent.TransfersChanged(daemon.transfers()));
            v.draw(state);
            assertTrue(v.text().contains("> photo.jpg (2.9 KiB) [#####-----] sending 50%"), v.text());

            app.apply(new UiEvent.TransfersChanged(
                    List.of(new TransferEntry(tid, ALICE, "photo.jpg", false, "delivered", 3000, 3000, null, null))));
            v.draw(state);
            assertTrue(v.text().contains("> photo.jpg (2.9 KiB) delivered"), v.text());
        }
    }

    @Test
    void anUploadInProgressHasItsOwnLineUntilTheDaemonHasTheFile() {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        state.setUpload(ALICE, "big.iso", 30 * 1024 * 1024, 100 * 1024 * 1024, false);
        assertEquals("[file] > big.iso (100.0 MiB) [###-------] to the daemon 30%", last(state));
        state.setUpload(ALICE, "big.iso", 0, 0, true);
        assertTrue(state.visibleBuffer().stream().noneMatch(l -> l.contains("big.iso")));
    }

    @Test
    void anIncomingOfferIsShownWithHowToAcceptAndAcceptSendsTheAnswer() throws Exception {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        EventQueue events = new EventQueue();
        DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(120, 24)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            app.apply(new UiEvent.TransfersChanged(List.of(
                    new TransferEntry(OFFER, BOB, "../report\n.pdf", true, "offered", 2_500_000, 0, null, null))));
            assertEquals(1, state.unread(BOB), "a new offer counts as unread for its peer");
            state.selectPeer(BOB);
            v.draw(state);
            // the line wraps after "/rejectfile" at this width; the id follows on the next line
            assertTrue(
                    v.text()
                            .contains("[file ab12cd34] < ../report .pdf (2.4 MiB) offered: /acceptfile ab12cd34 or "
                                    + "/rejectfile"),
                    v.text());

            InputHandler input = new InputHandler(state);
            type(input, "/acceptfile");
            UiAction accept = input.handle(new KeyStroke(KeyType.Enter)).orElseThrow();
            assertEquals(new UiAction.DecideFile(OFFER, true), accept);
            worker.decideFile(OFFER, true);
            drain(app, events);
            assertEquals(List.of("accept " + OFFER), daemon.decisions);

            app.apply(new UiEvent.TransfersChanged(List.of(new TransferEntry(
                    OFFER,
                    BOB,
                    "report.pdf",
                    true,
                    "complete",
                    2_500_000,
                    2_500_000,
                    "/home/u/.torchat/downloads/report.pdf",
                    null))));
            v.draw(state);
            assertTrue(
                    v.text().contains("< report.pdf (2.4 MiB) saved to /home/u/.torchat/downloads/report.pdf"),
                    v.text());
        }
    }

    @Test
    void acceptAndRejectSayWhatIsWrongWhenTheOfferIsUnclear() {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        InputHandler input = new InputHandler(state);
        type(input, "/acceptfile");
        assertEquals(Optional.empty(), input.handle(new KeyStroke(KeyType.Enter)));
        assertEquals("! /acceptfile: no file offer from this peer waits for an answer", last(state));

        String other = "ab12ffff" + "0".repeat(24);
        state.setTransfers(List.of(
                new TransferEntry(OFFER, ALICE, "a", true, "offered", 1, 0, null, null),
                new TransferEntry(other, ALICE, "b", true, "offered", 1, 0, null, null)));
        type(input, "/rejectfile ab12");
        assertEquals(Optional.empty(), input.handle(new KeyStroke(KeyType.Enter)));
        assertEquals(
                "! /rejectfile: several offers wait; say which: /rejectfile ab12cd34 | ab12ffff", lastNotice(state));
        type(input, "/rejectfile ab12f");
        assertEquals(Optional.of(new UiAction.DecideFile(other, false)), input.handle(new KeyStroke(KeyType.Enter)));

        type(input, "/fileup");
        assertEquals(Optional.empty(), input.handle(new KeyStroke(KeyType.Enter)));
        assertEquals("! /fileup PATH: which file?", lastNotice(state));
    }

    @Test
    void aFileThatCannotBeReadIsReportedInTheConversation() {
        FakeDaemonApi daemon = new FakeDaemonApi(SELF);
        EventQueue events = new EventQueue();
        DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        worker.sendFile(ALICE, tmp.resolve("missing.bin"));
        Optional<UiEvent> e;
        while ((e = events.poll()).isPresent()) {
            if (e.get() instanceof UiEvent.SendFailed failed) {
                state.notice(failed.peer(), "! " + failed.reason());
            }
        }
        assertTrue(
                last(state).startsWith("! cannot send ") && last(state).endsWith("not a readable file"), last(state));
        assertEquals(List.of(), daemon.uploaded);
    }

    private static String last(ChatState state) {
        List<String> lines = state.visibleBuffer();
        return lines.get(lines.size() - 1);
    }

    /** The last line of the conversation itself (transfers are shown below it). */
    private static String lastNotice(ChatState state) {
        List<String> lines = state.bufferOf(state.currentPeer().orElseThrow());
        return lines.get(lines.size() - 1);
    }

    private static void type(InputHandler h, String text) {
        for (char c : text.toCharArray()) {
            h.handle(new KeyStroke(c, false, false));
        }
    }

    private static void drain(TuiApp app, EventQueue events) {
        Optional<UiEvent> e;
        while ((e = events.poll()).isPresent()) {
            app.apply(e.get());
        }
    }
}
