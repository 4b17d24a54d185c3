package org.torchat.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.torchat.protocol.Command;
import org.torchat.protocol.Message;
import org.torchat.protocol.client.DaemonClient;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * Load on a running daemon's control port, the way the seed's clients talk to it: one request per connection,
 * N clients in a closed loop. Reports requests per second and latency percentiles per command and N, several
 * rounds each so that the spread is visible.
 *
 * <p>Usage: {@code java -cp torchat-bench/target/torchat-bench.jar org.torchat.bench.ControlLoad PORT
 * [seconds-per-round] [rounds] [commands] [clients]}, e.g. {@code ControlLoad 8000 5 3 HOST,GET_PEERS,UPDATE,SEND
 * 1,8,64,256}. SEND queues messages to a random (unreachable) onion address: start the daemon with a short
 * {@code retrylimit} or throw its data directory away afterwards.
 */
public final class ControlLoad {
    private ControlLoad() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] commands = (args.length > 3 ? args[3] : "HOST,GET_PEERS,UPDATE,SEND").split(",");
        int[] clients = java.util.Arrays.stream((args.length > 4 ? args[4] : "1,8,64,256").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        String peer = Ed25519Identity.generate().onionAddress().hostname();
        System.out.printf(
                Locale.ROOT,
                "%-9s %5s %6s %10s %8s %8s %8s %7s%n",
                "command",
                "N",
                "round",
                "req/s",
                "p50 ms",
                "p99 ms",
                "p999 ms",
                "errors");
        for (String command : commands) {
            Message request = request(Command.valueOf(command), peer, port);
            for (int n : clients) {
                List<Double> rates = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    Result r = run(port, request, n, seconds);
                    rates.add(r.perSecond());
                    System.out.printf(
                            Locale.ROOT,
                            "%-9s %5d %6d %10.0f %8.2f %8.2f %8.2f %7d%n",
                            command,
                            n,
                            round,
                            r.perSecond(),
                            r.latency().percentile(50),
                            r.latency().percentile(99),
                            r.latency().percentile(99.9),
                            r.errors());
                }
                double[] sorted =
                        rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(
                        Locale.ROOT,
                        "%-9s %5d median %10.0f req/s (min %.0f, max %.0f)%n",
                        command,
                        n,
                        sorted[sorted.length / 2],
                        sorted[0],
                        sorted[sorted.length - 1]);
            }
        }
    }

    static Message request(Command command, String peer, int port) {
        return switch (command) {
            case SEND -> Message.of(Command.SEND, peer, 80, "load test message");
            case UPDATE -> Message.of(Command.UPDATE, "localhost", port, peer);
            default -> Message.of(command, "localhost", port, "");
        };
    }

    record Result(double perSecond, Stats latency, long errors) {}

    static Result run(int port, Message request, int clients, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<double[]>> futures = new ArrayList<>();
        long[] errors = new long[clients];
        for (int i = 0; i < clients; i++) {
            int index = i;
            futures.add(pool.submit(() -> loop(port, request, stop, errors, index)));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<double[]> all = new ArrayList<>();
        for (Future<double[]> f : futures) {
            all.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double[] latencies =
                all.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        return new Result(
                latencies.length / elapsed,
                new Stats(latencies),
                java.util.Arrays.stream(errors).sum());
    }

    private static double[] loop(int port, Message request, AtomicBoolean stop, long[] errors, int index) {
        DaemonClient client = new DaemonClient("127.0.0.1", port);
        double[] samples = new double[1 << 16];
        int count = 0;
        while (!stop.get()) {
            long t0 = System.nanoTime();
            try {
                Message reply = client.request(request);
                if (reply.cmd() == Command.ERR) {
                    errors[index]++;
                    continue;
                }
            } catch (IOException | org.torchat.protocol.ProtocolException e) {
                errors[index]++;
                continue;
            }
            if (count == samples.length) {
                samples = java.util.Arrays.copyOf(samples, samples.length * 2);
            }
            samples[count++] = (System.nanoTime() - t0) / 1e6;
        }
        return java.util.Arrays.copyOf(samples, count);
    }
}
