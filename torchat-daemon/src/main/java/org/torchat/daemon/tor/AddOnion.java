package org.torchat.daemon.tor;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torchat.daemon.config.OnionDefences;
import org.torchat.protocol.identity.Ed25519Identity;

/**
 * The arguments of {@code ADD_ONION ED25519-V3:<base64 expanded key> [Flags=MaxStreamsCloseCircuit MaxStreams=N]
 * [PoWDefensesEnabled=1 PoWQueueRate=R PoWQueueBurst=B] Port=<virtual>,127.0.0.1:<target>} (control-spec 3.27) for
 * our own identity. No {@code Flags=Detach}: the service lives as long as our control connection, so it disappears
 * with us.
 */
public final class AddOnion {
    static final String KEY_TYPE = "ED25519-V3";

    private AddOnion() {}

    /** {@code ED25519-V3:} and the base64 (with padding, 88 characters) of the 64-byte expanded secret key. */
    public static String keyArgument(Ed25519Identity identity) {
        byte[] expanded = identity.expandedSecretKey();
        if (expanded.length != 64) {
            throw new IllegalStateException("an expanded Ed25519 key has 64 bytes, not " + expanded.length);
        }
        return KEY_TYPE + ":" + Base64.getEncoder().encodeToString(expanded);
    }

    /**
     * The keyword arguments between the key and the ports, in the control-spec's order: the streams limit (with
     * the flag that closes the circuit beyond it), then, when {@code pow}, the proof-of-work defence. Empty when
     * there is nothing to ask for.
     */
    public static String defenceArguments(OnionDefences defences, boolean pow) {
        StringBuilder args = new StringBuilder();
        if (defences.maxStreams() > 0) {
            args.append("Flags=MaxStreamsCloseCircuit MaxStreams=").append(defences.maxStreams());
        }
        if (pow) {
            args.append(args.isEmpty() ? "" : " ")
                    .append("PoWDefensesEnabled=1 PoWQueueRate=")
                    .append(defences.powQueueRate())
                    .append(" PoWQueueBurst=")
                    .append(defences.powQueueBurst());
        }
        return args.toString();
    }

    /**
     * What goes after {@code ADD_ONION } and before the ports. jtorctl 0.5 knows no keyword arguments but Flags, and
     * writes this string verbatim after {@code ADD_ONION }, so the defence arguments ride after the key.
     */
    static String keyAndArguments(Ed25519Identity identity, OnionDefences defences, boolean pow) {
        String args = defenceArguments(defences, pow);
        return keyArgument(identity) + (args.isEmpty() ? "" : " " + args);
    }

    /** The {@code Port=} arguments as jtorctl takes them: virtual port to {@code 127.0.0.1:target}. */
    public static Map<Integer, String> portLines(int virtualPort, int targetPort) {
        checkPort(virtualPort, "virtual");
        checkPort(targetPort, "target");
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(virtualPort, "127.0.0.1:" + targetPort);
        return ports;
    }

    /** The command line as sent, for tests; never log it: it holds the secret key. */
    public static String command(
            Ed25519Identity identity, int virtualPort, int targetPort, OnionDefences defences, boolean pow) {
        StringBuilder line = new StringBuilder("ADD_ONION ").append(keyAndArguments(identity, defences, pow));
        portLines(virtualPort, targetPort)
                .forEach((port, target) ->
                        line.append(" Port=").append(port).append(',').append(target));
        return line.toString();
    }

    /** The command with the key replaced, safe for logs. */
    public static String redacted(int virtualPort, int targetPort, OnionDefences defences, boolean pow) {
        String args = defenceArguments(defences, pow);
        return "ADD_ONION " + KEY_TYPE + ":<key>" + (args.isEmpty() ? "" : " " + args) + " Port=" + virtualPort
                + ",127.0.0.1:" + targetPort;
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the " + what + " port must be 1..65535, got " + port);
        }
    }
}
