package org.torchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;

/**
 * The daemon as a separate process, the way {@code bin/torchatd} runs it, for several sets of JVM options: time
 * from {@code java} starting to the first answered HOST (a restart on an existing data directory, the common
 * case), resident memory idle, its peak under load (64 clients, one HOST per connection) and idle again after,
 * and the throughput of that load. Variants are interleaved within each round so they share whatever else the
 * machine is doing; the summary gives the median and the range over the rounds.
 *
 * <p>Usage, from the repository root: {@code java -cp torchat-bench/target/torchat-bench.jar
 * org.torchat.bench.Footprint [rounds] [name=OPTIONS]...}. A word {@code NAME=VALUE} among the options, such as
 * {@code MALLOC_ARENA_MAX=2}, goes to the daemon's environment. {@code -Dfootprint.load=SECONDS} sets the
 * length of the load (default 10).
 */
public final class Footprint {
    private static final int IDLE_SECONDS = 10;
    private static final int LOAD_SECONDS = Integer.getInteger("footprint.load", 10);
    private static final int LOAD_CLIENTS = 64;

    private Footprint() {}

    record Sample(double readyMillis, double idleMb, double requestsPerSecond, double peakMb, double afterMb) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Map<String, List<String>> variants = variants(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        System.out.printf(
                Locale.ROOT,
                "%-10s %5s %9s %9s %9s %9s %9s%n",
                "variant",
                "round",
                "ready ms",
                "idle MB",
                "req/s",
                "peak MB",
                "after MB");
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                Sample s = measure(v.getValue());
                samples.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(s);
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %5d %9.0f %9.1f %9.0f %9.1f %9.1f%n",
                        v.getKey(),
                        round,
                        s.readyMillis(),
                        s.idleMb(),
                        s.requestsPerSecond(),
                        s.peakMb(),
                        s.afterMb());
            }
        }
        System.out.println();
        System.out.println("median [min-max] over " + rounds + " rounds");
        variants.forEach((name, options) -> summarise(name, options, samples.get(name)));
    }

    private static Map<String, List<String>> variants(String[] specs) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        if (specs.length == 0) {
            specs = new String[] {"default=", "bin=-Xms16m -Xmx128m -XX:+UseSerialGC"};
        }
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String options = spec.substring(eq + 1).strip();
            variants.put(spec.substring(0, eq), options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
        }
        return variants;
    }

    private static Sample measure(List<String> options) throws Exception {
        Path dataDir = Files.createTempDirectory("torchat-footprint").resolve("data");
        try {
            // The first start creates the identity and the schema; the measured one is a restart, as most are.
            DaemonUnderTest.start(dataDir, options).close();
            try (DaemonUnderTest daemon = DaemonUnderTest.start(dataDir, options)) {
                TimeUnit.SECONDS.sleep(IDLE_SECONDS);
                double idle = daemon.residentMb();
                Message host = Message.of(Command.HOST, DaemonClient.LOCALHOST, daemon.port(), "");
                ControlLoad.Result load = ControlLoad.run(daemon.port(), host, LOAD_CLIENTS, LOAD_SECONDS);
                double peak = daemon.peakResidentMb();
                TimeUnit.SECONDS.sleep(IDLE_SECONDS);
                return new Sample(daemon.readyMillis(), idle, load.perSecond(), peak, daemon.residentMb());
            }
        } finally {
            TempFiles.deleteTree(dataDir.getParent());
        }
    }

    private static void summarise(String name, List<String> options, List<Sample> s) {
        System.out.printf(
                Locale.ROOT,
                "%-10s ready %s ms, idle %s MB, %s req/s, peak %s MB, after load %s MB   (%s)%n",
                name,
                spread(s, Sample::readyMillis, "%.0f"),
                spread(s, Sample::idleMb, "%.1f"),
                spread(s, Sample::requestsPerSecond, "%.0f"),
                spread(s, Sample::peakMb, "%.1f"),
                spread(s, Sample::afterMb, "%.1f"),
                String.join(" ", options));
    }

    static <T> String spread(List<T> samples, ToDoubleFunction<T> field, String format) {
        double[] sorted = samples.stream().mapToDouble(field).sorted().toArray();
        return String.format(
                Locale.ROOT,
                format + " [" + format + "-" + format + "]",
                sorted[sorted.length / 2],
                sorted[0],
                sorted[sorted.length - 1]);
    }
}
