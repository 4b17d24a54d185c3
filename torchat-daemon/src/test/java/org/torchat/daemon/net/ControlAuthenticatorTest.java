package org.torchat.daemon.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;

class ControlAuthenticatorTest {
    private static final String TOKEN = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Message HOST = Message.of(Command.HOST, "localhost", 8000, "");

    private final ControlAuthenticator required = ControlAuthenticator.requiring(TOKEN);

    private static Message with(JsonNode auth) {
        return HOST.withExtension("auth", auth);
    }

    @Test
    void theRightTokenPasses() {
        assertTrue(required.required());
        assertDoesNotThrow(() -> required.check(with(NODES.textNode(TOKEN))));
    }

    @Test
    void aMissingTokenSaysWhereToFindIt() {
        RequestException e = assertThrows(RequestException.class, () -> required.check(HOST));
        assertEquals(
                "authentication required: send the control token from DATA_DIR/control.cookie in the 'auth' field",
                e.getMessage());
        assertThrows(RequestException.class, () -> required.check(with(NODES.nullNode())));
    }

    @Test
    void aWrongTokenIsRefusedWithoutSayingWhatIsWrongWithIt() {
        for (String wrong : new String[] {
            "", "x", TOKEN.substring(1), TOKEN + "0", TOKEN.toUpperCase(), TOKEN.substring(0, 63) + "0", " " + TOKEN
        }) {
            RequestException e = assertThrows(
                    RequestException.class,
                    () -> required.check(with(NODES.textNode(wrong))),
                    "accepted '" + wrong + "'");
            assertEquals("wrong control token", e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), "never echoes the token");
        }
    }

    @Test
    void aTokenThatIsNotAStringIsWrong() {
        RequestException e = assertThrows(RequestException.class, () -> required.check(with(NODES.numberNode(1))));
        assertTrue(e.getMessage().startsWith("wrong control token"), e.getMessage());
        assertThrows(
                RequestException.class,
                () -> required.check(with(NODES.arrayNode().add(TOKEN))));
    }

    @Test
    void theOpenAuthenticatorIgnoresTheField() {
        assertFalse(ControlAuthenticator.OPEN.required());
        assertDoesNotThrow(() -> ControlAuthenticator.OPEN.check(HOST));
        assertDoesNotThrow(() -> ControlAuthenticator.OPEN.check(with(NODES.textNode("anything"))));
    }

    @Test
    void anEmptyRequiredTokenIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> ControlAuthenticator.requiring(""));
        assertThrows(IllegalArgumentException.class, () -> ControlAuthenticator.requiring(null));
    }

    /** The comparison must be MessageDigest.isEqual over bytes of equal length, not String.equals or an early exit. */
    @Test
    void theComparisonIsConstantTime() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/torchat/daemon/net/ControlAuthenticator.java"));
        assertTrue(
                source.contains("MessageDigest.isEqual(digest("),
                "compares SHA-256 digests with MessageDigest.isEqual");
        assertFalse(source.matches("(?s).*\\.equals\\((token|auth).*"), "no String.equals on the token");
    }
}
