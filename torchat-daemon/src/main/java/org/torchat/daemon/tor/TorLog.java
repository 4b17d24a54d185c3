package org.torchat.daemon.tor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Tor's log lines: the last ones kept, and the one that best says why tor stopped. */
final class TorLog {
    /** {@code Nov 25 20:34:00.154 [warn] text}: the timestamp and severity tor puts in front. */
    private static final Pattern PREFIX = Pattern.compile("^[A-Z][a-z]{2} +\\d+ [\\d:.]+ ");
    /** Warnings tor gives in every run of ours; never the reason it stopped. */
    private static final List<String> NOISE = List.of(
            "You are running Tor as root",
            "You have used DirAuthority",
            "TestingTorNetwork is set",
            "V3AuthVotingInterval is very low",
            "We compiled with OpenSSL");

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    TorLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The output has ended (the process closed it). */
    void end() {
        ended.countDown();
    }

    /** Waits a little for the reader to reach the end of the output of a process that exited. */
    void awaitEnd(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The line that best explains a failure: the last {@code [err]} that is not just "see warnings above", else the
     * last {@code [warn]} that is not routine noise, else the last line. Without tor's timestamp.
     */
    static Optional<String> mostRelevant(List<String> lines) {
        String err = null;
        String warn = null;
        String last = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            last = line;
            if (line.contains("see warnings above") || line.contains("No, it's still there")) {
                continue; // "[err] Reading config failed--see warnings above.": the warning before is the reason
            }
            if (line.contains("[err]")) {
                err = line;
            } else if (line.contains("[warn]") && NOISE.stream().noneMatch(line::contains)) {
                warn = line;
            }
        }
        String pick = err != null ? err : warn != null ? warn : last;
        return Optional.ofNullable(pick).map(TorLog::withoutTimestamp);
    }

    static String withoutTimestamp(String line) {
        return PREFIX.matcher(line).replaceFirst("");
    }

    /** The last {@code max} lines of a file, or none if it cannot be read. */
    static List<String> tail(Path file, int max) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            long start = Math.max(0, length - 64 * 1024);
            f.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            f.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(start > 0 ? 1 : 0, all.length - max);
            List<String> out = new ArrayList<>();
            for (int i = from; i < all.length; i++) {
                out.add(all[i]);
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
