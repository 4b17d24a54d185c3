package org.torchat.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release archive unpacked into an empty directory, and a shell environment for it in which Maven does not exist:
 * PATH is a directory of links to every program of the system's PATH but mvn, so the scripts find java, bash and
 * coreutils, and nothing that could build.
 */
final class UnpackedArchive implements AutoCloseable {
    private final Path root;
    private final Path pathDir;
    private final Path home;

    private UnpackedArchive(Path root, Path pathDir, Path home) {
        this.root = root;
        this.pathDir = pathDir;
        this.home = home;
    }

    /** What a command printed (both streams) and its exit code. */
    record Result(int code, String output) {}

    static Path archive() {
        return Path.of(System.getProperty("torchat.archive"));
    }

    static UnpackedArchive into(Path tmp) throws Exception {
        Path target = Files.createDirectories(tmp.resolve("unpacked"));
        Path pathDir = Files.createDirectories(tmp.resolve("path-without-maven"));
        for (String dir : System.getenv("PATH").split(":")) {
            linkProgramsOf(Path.of(dir), pathDir);
        }
        UnpackedArchive unpacked = new UnpackedArchive(
                target.resolve(System.getProperty("torchat.archive.name")),
                pathDir,
                Files.createDirectories(tmp.resolve("home")));
        Result tar = unpacked.run(target, 60, "tar", "-xzf", archive().toString());
        if (tar.code() != 0) {
            throw new AssertionError("tar: " + tar.output());
        }
        return unpacked;
    }

    private static void linkProgramsOf(Path dir, Path pathDir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> programs = Files.newDirectoryStream(dir)) {
            for (Path program : programs) {
                String name = program.getFileName().toString();
                Path link = pathDir.resolve(name);
                if (!name.startsWith("mvn") && Files.isExecutable(program) && !Files.exists(link)) {
                    Files.createSymbolicLink(link, program);
                }
            }
        }
    }

    /** Removes the PATH links (JUnit would warn about each one it deletes). */
    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(pathDir)) {
            for (Path link : links) {
                Files.delete(link);
            }
        }
    }

    Path root() {
        return root;
    }

    Path home() {
        return home;
    }

    Result run(int seconds, String... command) throws Exception {
        return run(root, seconds, command);
    }

    Result run(Map<String, String> extraEnv, int seconds, String... command) throws Exception {
        return run(root, extraEnv, seconds, command);
    }

    private Result run(Path dir, int seconds, String... command) throws Exception {
        return run(dir, Map.of(), seconds, command);
    }

    private Result run(Path dir, Map<String, String> extraEnv, int seconds, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Path out = Files.createTempFile(home, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MAVEN") || k.equals("JAVA_HOME") || k.startsWith("TORCHAT"));
        env.put("PATH", pathDir.toString());
        env.put("HOME", home.toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within " + seconds + " s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
