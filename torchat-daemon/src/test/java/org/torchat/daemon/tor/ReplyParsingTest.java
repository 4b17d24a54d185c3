package org.torchat.daemon.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What tor says, parsed: bootstrap status, HS_DESC events, PROTOCOLINFO, listeners, the control-port file, logs. */
class ReplyParsingTest {

    @Test
    void bootstrapStatusFromGetinfoOrEvent() {
        BootstrapPhase p = BootstrapPhase.parse(
                "NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\"");
        assertEquals(45, p.progress());
        assertEquals("loading_descriptors", p.tag());
        assertEquals("Loading relay descriptors", p.summary());
        assertNull(p.warning());
        BootstrapPhase done = BootstrapPhase.parse("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"");
        assertTrue(done.done());
    }

    @Test
    void bootstrapWarningKeepsTorsReason() {
        BootstrapPhase p = BootstrapPhase.parse("WARN BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY=\"Connecting to a relay\" "
                + "WARNING=\"Connection refused\" REASON=CONNECTREFUSED COUNT=3 RECOMMENDATION=ignore "
                + "HOSTID=\"ABC\" HOSTADDR=\"127.0.0.1:5000\"");
        assertEquals(5, p.progress());
        assertEquals("Connection refused (CONNECTREFUSED)", p.warning());
    }

    @Test
    void notABootstrapStatusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BootstrapPhase.parse("NOTICE CIRCUIT_ESTABLISHED"));
        assertThrows(IllegalArgumentException.class, () -> BootstrapPhase.parse("NOTICE BOOTSTRAP TAG=done"));
        assertThrows(IllegalArgumentException.class, () -> BootstrapPhase.parse("NOTICE BOOTSTRAP PROGRESS=101"));
    }

    @Test
    void quotedValuesWithSpacesAndEscapes() {
        ControlLine line = ControlLine.parse("A B K=v Q=\"x y \\\"z\\\" \\\\\" E=\"\"");
        assertEquals(List.of("A", "B"), line.positional());
        assertEquals(Map.of("K", "v", "Q", "x y \"z\" \\", "E", ""), line.keywords());
    }

    @Test
    void hsDescUploadedAndFailed() {
        String sid = "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid";
        HsDescEvent up =
                HsDescEvent.parse("UPLOADED " + sid + " UNKNOWN $5AE1D9E5B9B7DAA4F8E5B0E0F1C5B0C7A3F2D1E0~relay0");
        assertTrue(up.uploaded());
        assertEquals(sid, up.serviceId());
        assertEquals("$5AE1D9E5B9B7DAA4F8E5B0E0F1C5B0C7A3F2D1E0~relay0", up.hsDir());
        HsDescEvent failed = HsDescEvent.parse("FAILED " + sid + " UNKNOWN $AB~auth1 REASON=UPLOAD_REJECTED");
        assertTrue(failed.failed());
        assertEquals("UPLOAD_REJECTED", failed.reason());
        HsDescEvent upload = HsDescEvent.parse("UPLOAD " + sid + " UNKNOWN $AB~auth1 abcdef HSDIR_INDEX=00ff");
        assertEquals("UPLOAD", upload.action());
    }

    @Test
    void protocolInfoNamesMethodsAndCookieFile() throws Exception {
        ProtocolInfo info = ProtocolInfo.parse(List.of(
                "250-PROTOCOLINFO 1",
                "250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/var/lib/tor/control_auth_cookie\"",
                "250-VERSION Tor=\"0.4.9.11\"",
                "250 OK"));
        assertEquals(Set.of("COOKIE", "SAFECOOKIE"), info.methods());
        assertEquals("/var/lib/tor/control_auth_cookie", info.cookieFile());
        assertEquals("0.4.9.11", info.torVersion());
        TorException e =
                assertThrows(TorException.class, () -> ProtocolInfo.parse(List.of("514 Authentication required.")));
        assertTrue(e.getMessage().contains("514"), e.getMessage());
    }

    @Test
    void socksListenersSkipUnixSockets() {
        assertEquals(
                List.of(new InetSocketAddress("127.0.0.1", 9050), new InetSocketAddress("::1", 9051)),
                ControlReplies.listeners("\"127.0.0.1:9050\" \"[::1]:9051\" \"unix:/run/tor/socks\""));
        assertEquals(List.of(), ControlReplies.listeners(""));
    }

    @Test
    void controlPortFile() {
        assertEquals(
                Optional.of(new InetSocketAddress("127.0.0.1", 41234)),
                ControlReplies.controlPortFile("PORT=127.0.0.1:41234\n"));
        assertEquals(Optional.empty(), ControlReplies.controlPortFile("garbage\n"));
    }

    @Test
    void theTellingLogLineIsTheLastRealErrorWithoutTimestamp() {
        List<String> bindFailure = List.of(
                "Nov 25 20:34:00.152 [notice] Tor 0.4.9.11 running on Linux",
                "Nov 25 20:34:00.154 [warn] You are running Tor as root. You don't need to, and you probably shouldn't.",
                "Nov 25 20:34:00.154 [warn] Could not bind to 127.0.0.1:9050: Address already in use. Is Tor already running?",
                "Nov 25 20:34:00.154 [err] Failed to bind one of the listener ports.");
        assertEquals(Optional.of("[err] Failed to bind one of the listener ports."), TorLog.mostRelevant(bindFailure));
        List<String> badConfig = List.of(
                "Nov 25 20:34:00.152 [warn] Failed to parse/validate config: Unknown option 'Foo'.  Failing.",
                "Nov 25 20:34:00.152 [err] Reading config failed--see warnings above.");
        assertEquals(
                Optional.of("[warn] Failed to parse/validate config: Unknown option 'Foo'.  Failing."),
                TorLog.mostRelevant(badConfig));
        List<String> locked = List.of(
                "Nov 25 20:34:00.152 [warn] It looks like another Tor process is running with the same data directory.  "
                        + "Waiting 5 seconds to see if it goes away.",
                "Nov 25 20:34:05.152 [err] No, it's still there.  Exiting.");
        assertTrue(TorLog.mostRelevant(locked)
                .orElseThrow()
                .contains("another Tor process is running with the same " + "data directory"));
        assertEquals(
                Optional.of("[notice] Bootstrapped 5%"),
                TorLog.mostRelevant(List.of("Nov 25 20:34:01.000 [notice] Bootstrapped 5%")));
        assertEquals(Optional.empty(), TorLog.mostRelevant(List.of()));
    }

    @Test
    void statusDescribesItselfInOneLine() {
        TorStatus s = TorStatus.starting()
                .withBootstrap(BootstrapPhase.parse(
                        "NOTICE BOOTSTRAP PROGRESS=45 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\""));
        assertEquals(TorStatus.State.BOOTSTRAPPING, s.state());
        assertEquals("tor bootstrapping 45% (loading_descriptors): Loading relay descriptors", s.describe());
        TorStatus ready = s.withBootstrap(
                        BootstrapPhase.parse("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\""))
                .withOnion("x");
        assertEquals("tor ready, publishing onion service", ready.describe());
        assertEquals("tor ready, onion service published", ready.withUpload().describe());
        assertTrue(ready.withUpload().published());
    }
}
