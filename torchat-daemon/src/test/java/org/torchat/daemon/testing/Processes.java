package org.torchat.daemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real torchatd: the shaded jar in its own JVM, or the bin/ scripts. */
public final class Processes {
    private Processes() {}

    public static Path daemonJar() {
        return Path.of(System.getProperty("torchatd.jar", "target/torchatd.jar"))
                .toAbsolutePath();
    }

    public static Path repository() {
        return Path.of(System.getProperty("torchat.repo", ".."))
                .toAbsolutePath()
                .normalize();
    }

    public static ProcessBuilder torchatd(Path output, String... args) {
        List<String> command = new ArrayList<>(
                List.of(javaBinary(), "-Xmx64m", "-jar", daemonJar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    }

    /** Runs to completion (at most {@code seconds}) and returns exit code and combined output. */
    public static Result run(ProcessBuilder builder, Path output, int seconds)
            throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within " + seconds + " s: " + builder.command());
        }
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Waits for {@code file} to exist (at most {@code seconds}), failing early if {@code process} dies. */
    public static void awaitFile(Path file, Process process, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "torchatd exited with " + process.exitValue() + " before " + file + " appeared");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(file + " did not appear within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** An exit code with what the process printed. */
    public record Result(int exitCode, String output) {}
}
