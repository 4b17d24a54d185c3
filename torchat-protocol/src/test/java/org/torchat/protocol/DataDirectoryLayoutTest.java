package org.torchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryLayoutTest {
    @Test
    void theDataDirectoryFollowsHome() {
        assertEquals(
                Path.of("/tmp/other/.torchat"),
                DataDirectoryLayout.defaultDataDir(Map.of("HOME", "/tmp/other"), "/root"));
    }

    @Test
    void torchatHomeWinsOverHome() {
        assertEquals(
                Path.of("/srv/chat"),
                DataDirectoryLayout.defaultDataDir(Map.of("HOME", "/tmp/other", "TORCHAT_HOME", "/srv/chat"), "/root"));
    }

    @Test
    void withoutAUsableHomeTheJvmsHomeIsUsed() {
        assertEquals(Path.of("/root/.torchat"), DataDirectoryLayout.defaultDataDir(Map.of(), "/root"));
        assertEquals(Path.of("/root/.torchat"), DataDirectoryLayout.defaultDataDir(Map.of("HOME", ""), "/root"));
        assertEquals(
                Path.of("/root/.torchat"), DataDirectoryLayout.defaultDataDir(Map.of("HOME", "relative"), "/root"));
    }
}
