package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorrcTest {
    private static final Path WORK = Path.of("/home/me/.torchat/tor");

    private static Torrc torrc(int socksPort, List<String> extra) {
        return new Torrc(
                WORK.resolve("data"), WORK.resolve("control-port"), WORK.resolve("tor.log"), 4242, socksPort, extra);
    }

    @Test
    void managedTorIsLoopbackOnlyWithPortsOfItsChoosingCookieAuthAndOwnedByUs() {
        List<String> lines = torrc(0, List.of()).text().lines().toList();
        assertTrue(lines.contains("DataDirectory \"/home/me/.torchat/tor/data\""), lines.toString());
        assertTrue(lines.contains("SocksPort 127.0.0.1:auto ExtendedErrors"));
        assertTrue(lines.contains("ControlPort 127.0.0.1:auto"));
        assertTrue(lines.contains("ControlPortWriteToFile \"/home/me/.torchat/tor/control-port\""));
        assertTrue(lines.contains("CookieAuthentication 1"));
        assertTrue(lines.contains("__OwningControllerProcess 4242"));
        assertTrue(lines.contains("Log notice file /home/me/.torchat/tor/tor.log"));
        assertTrue(lines.contains("GeoIPFile \"\""));
        assertTrue(lines.contains("GeoIPv6File \"\""));
        assertFalse(
                lines.stream().anyMatch(l -> l.startsWith("RunAsDaemon") || l.startsWith("HiddenService")),
                "a child process; the onion service comes through ADD_ONION");
    }

    @Test
    void aRestartedTorAsksForItsPreviousSocksPort() {
        assertTrue(torrc(9350, List.of()).text().contains("\nSocksPort 127.0.0.1:9350 ExtendedErrors\n"));
    }

    @Test
    void extraLinesComeLastSoTheyCanOverride() {
        List<String> extra = List.of("TestingTorNetwork 1", "DirAuthority auth0 orport=1 v3ident=AB 127.0.0.1:2 CD");
        List<String> lines = torrc(0, extra).text().lines().toList();
        assertEquals(extra, lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void pathsAreQuotedAndEscapedAndLineBreaksRefused() {
        assertEquals("\"/a b/\\\"q\\\"\"", Torrc.quote(Path.of("/a b/\"q\"")));
        assertThrows(IllegalArgumentException.class, () -> Torrc.quote(Path.of("/a\nb")));
        assertThrows(IllegalArgumentException.class, () -> torrc(0, List.of("SocksPort 1\nControlPort 2")));
    }

    @Test
    void aLogPathWithSpacesGoesToStdoutWhichWeRead() {
        Torrc t =
                new Torrc(Path.of("/x y/data"), Path.of("/x y/control-port"), Path.of("/x y/tor.log"), 1, 0, List.of());
        assertTrue(t.text().contains("\nLog notice stdout\n"));
    }
}
