package org.torchat.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    @Test
    void hostAndPort() {
        assertEquals(new HostPort("127.0.0.1", 9050), HostPort.parse("127.0.0.1:9050"));
        assertEquals(new HostPort("localhost", 9250), HostPort.parse("localhost:9250"));
        assertEquals(new HostPort("tor.example", 1), HostPort.parse("tor.example:1"));
        assertEquals(new HostPort("tor.example", 65535), HostPort.parse("tor.example:65535"));
    }

    @Test
    void bracketedIpv6() {
        HostPort hp = HostPort.parse("[::1]:9050");

        assertEquals("::1", hp.host());
        assertEquals(9050, hp.port());
        assertEquals("[::1]:9050", hp.toString());
    }

    @Test
    void toStringRoundTrips() {
        for (String text : new String[] {"127.0.0.1:9250", "[::1]:9050", "[2001:db8::7]:80", "localhost:8000"}) {
            assertEquals(text, HostPort.parse(text).toString());
            assertEquals(
                    HostPort.parse(text), HostPort.parse(HostPort.parse(text).toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "9050",
                ":9050",
                "localhost:",
                "localhost:0",
                "localhost:65536",
                "localhost:port",
                "localhost:-1",
                "[::1]",
                "[]:9050",
                " :9050"
            })
    void badForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));

        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void badFormMessagesSayWhatIsWrong() {
        assertEquals(
                "expected HOST:PORT, got 'localhost'",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("localhost"))
                        .getMessage());
        assertEquals(
                "port must be 1..65535, got 65536",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("localhost:65536"))
                        .getMessage());
        assertEquals(
                "'tor' is not a port number",
                assertThrows(IllegalArgumentException.class, () -> HostPort.parse("localhost:tor"))
                        .getMessage());
    }

    @Test
    void theConstructorChecksToo() {
        assertThrows(IllegalArgumentException.class, () -> new HostPort(" ", 80));
        assertThrows(IllegalArgumentException.class, () -> new HostPort(null, 80));
        assertThrows(IllegalArgumentException.class, () -> new HostPort("h", 0));
    }
}
