package org.torchat.tui.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torchat.tui.Onions.onion;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.torchat.tui.DaemonRefusedException;
import org.torchat.tui.daemon.FakeDaemonApi;
import org.torchat.tui.daemon.IncomingMessage;

/**
 * The whole loop on a virtual terminal, on the test's own thread: keys are queued before it runs, requests run
 * inline, and the loop ends on the keys' /quit (or the daemon's answer to /exit). Nothing races.
 */
@Timeout(20)
class TuiAppTest {
    private static final String SELF = onion(0);
    private static final String ALICE = onion(1);

    private final FakeDaemonApi daemon = new FakeDaemonApi(SELF);
    private final EventQueue events = new EventQueue();
    private final DaemonWorker worker = new DaemonWorker(daemon, events::post, Runnable::run);

    @Test
    void typeAnAddressChatAndQuit() throws Exception {
        ChatState state = ChatState.start(SELF, List.of());
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            type(v, ALICE + "\nhello alice\n/quit\n");
            new TuiApp(v.screen, state, events, worker).run();
            assertEquals("Onion Address:", v.row(31).stripTrailing(), "the first screen asked for a peer");
        }
        assertEquals(List.of(ALICE + " hello alice"), daemon.sent);
        assertEquals(Optional.of(ALICE), state.currentPeer());
        assertEquals(List.of("hello alice"), state.visibleBuffer());
    }

    @Test
    void ctrlCQuits() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            type(v, "unsent");
            v.terminal.addInput(new KeyStroke('c', true, false));
            new TuiApp(v.screen, state, events, worker).run();
        }
        assertEquals(List.of(), daemon.sent);
    }

    @Test
    void exitStopsTheDaemonThenQuits() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            type(v, "/exit\n");
            new TuiApp(v.screen, state, events, worker).run();
        }
        assertTrue(daemon.stopped);
    }

    @Test
    void eventsFromBackgroundThreadsBecomeBufferLines() throws IOException {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            TuiApp app = new TuiApp(v.screen, state, events, worker);
            app.apply(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "18:59", "hello"))));
            app.apply(new UiEvent.SendFailed(ALICE, "TOR couldn't send the message: timeout"));
            app.apply(new UiEvent.DaemonStatus("cannot reach the daemon"));
            assertEquals(Optional.of("cannot reach the daemon"), state.daemonProblem());
            app.apply(new UiEvent.DaemonStatus(null));
            app.apply(new UiEvent.StopFailed("refused"));
            assertEquals(
                    List.of(
                            "[18:59] hello",
                            "! TOR couldn't send the message: timeout",
                            "! cannot reach the daemon",
                            "the daemon is reachable again",
                            "! could not stop the daemon: refused"),
                    state.visibleBuffer());
            assertEquals(Optional.empty(), state.daemonProblem());
        }
    }

    @Test
    void aRefusedSendShowsTheDaemonsReason() throws Exception {
        daemon.sendFailure = new DaemonRefusedException("TOR couldn't send the message: timeout");
        worker.send(ALICE, "hi");
        assertEquals(
                Optional.of(new UiEvent.SendFailed(ALICE, "TOR couldn't send the message: timeout")), events.poll());
    }

    @Test
    void aPendingEventIsDrawnWithoutAKeyPress() throws Exception {
        ChatState state = ChatState.start(SELF, List.of(ALICE));
        try (VirtualScreen v = new VirtualScreen(110, 32)) {
            // The daemon's answer to /exit ends the loop; the message queued before it is applied on the way.
            events.post(new UiEvent.MessagesArrived(List.of(new IncomingMessage(ALICE, "09:00", "early"))));
            events.post(new UiEvent.DaemonStopped());
            new TuiApp(v.screen, state, events, worker).run();
        }
        assertEquals(List.of("[09:00] early"), state.visibleBuffer());
    }

    private static void type(VirtualScreen v, String text) {
        for (char c : text.toCharArray()) {
            v.terminal.addInput(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
        }
    }
}
