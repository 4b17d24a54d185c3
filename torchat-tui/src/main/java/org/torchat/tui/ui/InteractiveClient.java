package org.torchat.tui.ui;

import java.io.IOException;
import java.util.List;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.DaemonApi;

/**
 * {@code torchat HOST PORT}: asks the daemon for our address and the peers with unread messages before the
 * screen changes (so an unreachable daemon is one line on stderr and an untouched terminal), then runs the
 * UI until the user leaves, and always gives the terminal back.
 */
public final class InteractiveClient {
    private InteractiveClient() {}

    public static int run(DaemonApi daemon, ClientSettings settings) throws TorchatException {
        String self = daemon.host();
        String unlocked = UnlockPrompt.unlockIfLocked(daemon, System.console());
        List<String> peers = daemon.peersWithUnread();
        ChatState state = ChatState.start(self, peers);
        state.notice("Attached to torchatd at " + daemon.endpoint() + ". /help lists the commands.");
        if (unlocked != null) {
            state.notice(unlocked);
        }
        EventQueue events = new EventQueue();
        try (TextTerminal terminal = TextTerminal.open();
                TransferWatcher transfers = new TransferWatcher(daemon, events::post);
                DaemonPoller poller = new DaemonPoller(
                        daemon,
                        event -> {
                            if (event instanceof UiEvent.DeliveryChanged) {
                                transfers.nudge(); // the delivery token also moves with every transfer
                            }
                            events.post(event);
                        },
                        DaemonPoller.DEFAULT_WAIT);
                DaemonWorker worker = DaemonWorker.start(daemon, events::post)) {
            poller.start();
            worker.loadContacts(false); // nicknames and requests, shortly after the first screen
            transfers.start();
            new TuiApp(terminal.screen(), state, events, worker, settings).run();
        } catch (IOException e) {
            throw new ClientFailureException("the terminal failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
