package org.torchat.protocol.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupNamesTest {
    @Test
    void emojiSequencesAndScriptsThatNeedJoinersAreNames() {
        for (String name :
                new String[] {
                    "Family \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66", // ZWJ sequence
                    "\ud83d\udc4b\ud83c\udffd hello", // skin tone
                    "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f fans", // England: tags
                    "\u65c5\u884c\u306e\u8a08\u753b", // CJK
                    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645" // Persian with a zero-width non-joiner
                }) {
            assertEquals(Optional.empty(), GroupNames.problem(name), name);
        }
    }

    @Test
    void controlBidiOverridesLoneSurrogatesEdgesAndLengthAreRefused() {
        assertTrue(GroupNames.problem("evil\u202egnp.exe").orElseThrow().contains("format"));
        assertTrue(GroupNames.problem("bell\u0007").orElseThrow().contains("control"));
        assertTrue(GroupNames.problem("half \ud83d").orElseThrow().contains("surrogate"));
        assertTrue(GroupNames.problem(" x").orElseThrow().contains("space"));
        assertTrue(GroupNames.problem("").orElseThrow().contains("empty"));
        assertEquals(Optional.empty(), GroupNames.problem("\ud83d\ude00".repeat(64)), "64 emoji are 64 characters");
        assertTrue(GroupNames.problem("\ud83d\ude00".repeat(65)).orElseThrow().contains("65"));
    }
}
