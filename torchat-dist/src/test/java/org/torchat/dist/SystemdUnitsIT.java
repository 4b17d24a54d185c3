package org.torchat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the archive's systemd units pass {@code systemd-analyze verify} (which also checks that ExecStart is an
 * executable, so the units are pointed at the unpacked archive), and say what the service promises: restart on
 * failure, a clean SIGTERM stop, the hardening directives. Without systemd-analyze the verification is skipped with a
 * message; the directives are checked anyway.
 */
class SystemdUnitsIT {
    private static final List<String> BOTH = List.of(
            "Restart=on-failure",
            "KillSignal=SIGTERM",
            "KillMode=mixed",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "PrivateTmp=yes",
            "UMask=0077");

    @TempDir
    Path tmp;

    private UnpackedArchive archive;

    @BeforeEach
    void unpack() throws Exception {
        archive = UnpackedArchive.into(tmp);
    }

    @AfterEach
    void removeLinks() throws Exception {
        archive.close();
    }

    @Test
    void theSystemUnitIsHardenedAndVerifies() throws Exception {
        String unit = Files.readString(archive.root().resolve("systemd/torchatd.service"));
        for (String line : BOTH) {
            assertTrue(unit.contains("\n" + line + "\n"), line);
        }
        for (String line : List.of(
                "StateDirectory=torchat",
                "StateDirectoryMode=0700",
                "ProtectHome=yes",
                "CapabilityBoundingSet=",
                "ExecStart=/opt/torchat/bin/torchatd 8000 --data-dir /var/lib/torchat")) {
            assertTrue(unit.contains("\n" + line + "\n"), line);
        }
        assertTrue(
                unit.lines().filter(l -> l.startsWith("ExecStart=")).noneMatch(l -> l.contains(" -d")),
                "in the foreground: systemd keeps the process, the journal the log");
        verify(
                unit.replace(
                        "/opt/torchat/bin/torchatd",
                        archive.root().resolve("bin/torchatd").toString()),
                "torchatd.service",
                false);
    }

    @Test
    void theUserUnitVerifies() throws Exception {
        String unit = Files.readString(archive.root().resolve("systemd/user/torchatd.service"));
        for (String line : BOTH) {
            assertTrue(unit.contains("\n" + line + "\n"), line);
        }
        assertTrue(unit.contains("\nReadWritePaths=%h/.torchat\n") && unit.contains("\nWantedBy=default.target\n"));
        verify(
                unit.replace(
                        "%h/.local/opt/torchat/bin/torchatd",
                        archive.root().resolve("bin/torchatd").toString()),
                "torchatd.service",
                true);
    }

    private void verify(String unit, String name, boolean user) throws Exception {
        UnpackedArchive.Result which = archive.run(10, "bash", "-c", "command -v systemd-analyze");
        if (which.code() != 0) {
            System.err.println("SystemdUnitsIT: systemd-analyze is not installed; `systemd-analyze verify` skipped "
                    + "(apt-get install systemd)");
            Assumptions.abort("systemd-analyze is not installed: unit verification skipped");
        }
        Path dir = Files.createDirectories(tmp.resolve(user ? "user-units" : "units"));
        Path file = Files.writeString(dir.resolve(name), unit);
        Path runtime = Files.createDirectories(
                tmp.resolve("xdg-runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        UnpackedArchive.Result result = user
                ? archive.run(
                        Map.of("XDG_RUNTIME_DIR", runtime.toString()),
                        60,
                        "systemd-analyze",
                        "--user",
                        "verify",
                        file.toString())
                : archive.run(60, "systemd-analyze", "verify", file.toString());
        // systemd-analyze exits 0 on unknown keys and bad values too, only warning: any output is a failure here.
        assertEquals(0, result.code(), result.output());
        assertEquals("", result.output().strip());
    }
}
