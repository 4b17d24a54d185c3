package org.torchat.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void everyKindOfFailureHasItsExitCode() {
        Map<Class<?>, Integer> expected = Map.of(
                UsageException.class, 2,
                DaemonUnreachableException.class, 3,
                DaemonRefusedException.class, 1,
                ClientFailureException.class, 1,
                AuthenticationException.class, 4);
        assertEquals(
                expected.keySet(),
                java.util.Set.of(TorchatException.class.getPermittedSubclasses()),
                "a new kind of failure needs an exit code in ExitCodes.of and a line here");
        assertEquals(2, ExitCodes.of(new UsageException("x")));
        assertEquals(3, ExitCodes.of(new DaemonUnreachableException("h", 1, new ConnectException("refused"))));
        assertEquals(1, ExitCodes.of(new DaemonRefusedException("no")));
        assertEquals(1, ExitCodes.of(new ClientFailureException("x")));
        assertEquals(4, ExitCodes.of(new AuthenticationException("x")));
    }

    @Test
    void unreachableMessagesSayWhatToDo() {
        assertEquals(
                "cannot reach the daemon at localhost:8000: Connection refused (is torchatd running? "
                        + "start it with bin/torchatd -d 8000)",
                new DaemonUnreachableException("localhost", 8000, new ConnectException("Connection refused"))
                        .getMessage());
        assertEquals(
                "lost the connection to the daemon at localhost:8000: reset",
                new DaemonUnreachableException("localhost", 8000, new IOException("reset")).getMessage());
        assertEquals(
                "cannot reach the daemon at nohost:8000: unknown host nohost",
                new DaemonUnreachableException("nohost", 8000, new java.net.UnknownHostException("nohost"))
                        .getMessage());
    }
}
