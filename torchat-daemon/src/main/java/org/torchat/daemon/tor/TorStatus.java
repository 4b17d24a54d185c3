package org.torchat.daemon.tor;

/**
 * What our tor is doing, as a value: its bootstrap progress and whether our onion service is published. Given to
 * listeners on every change ({@link Tor#addStatusListener}) and by {@link Tor#status()}, for the log and for clients.
 *
 * @param state     where tor is in its life
 * @param bootstrap tor's latest bootstrap phase (progress %, tag, summary, warning)
 * @param onion     our service id once ADD_ONION was accepted ({@code null} before, and while tor restarts)
 * @param uploads   {@code HS_DESC UPLOADED} events for our service since it was (re-)added to this tor
 * @param problem   the latest failure as one line for the user ({@code null} when all is well)
 * @param defences  what tor accepted of our defences with ADD_ONION ({@code null} until it accepted it)
 */
public record TorStatus(
        State state, BootstrapPhase bootstrap, String onion, int uploads, String problem, AppliedDefences defences) {

    /** Where tor is in its life. */
    public enum State {
        /** Starting tor, or connecting to its control port. */
        STARTING,
        /** Connected; tor is building its view of the network. */
        BOOTSTRAPPING,
        /** Bootstrapped to 100%: circuits can be built. */
        READY,
        /** Tor (or our connection to it) went away; we start it again after a pause. */
        RESTARTING,
        /** Closed by us. */
        CLOSED
    }

    public static TorStatus starting() {
        return new TorStatus(State.STARTING, BootstrapPhase.NONE, null, 0, null, null);
    }

    public int progress() {
        return bootstrap.progress();
    }

    public boolean bootstrapped() {
        return state == State.READY;
    }

    /** Our onion service's descriptor reached at least one HSDir: peers can reach us now. */
    public boolean published() {
        return onion != null && uploads > 0 && state == State.READY;
    }

    TorStatus with(State newState) {
        return new TorStatus(newState, bootstrap, onion, uploads, problem, defences);
    }

    TorStatus withBootstrap(BootstrapPhase phase) {
        State s = state == State.STARTING || state == State.BOOTSTRAPPING || state == State.READY
                ? (phase.done() ? State.READY : State.BOOTSTRAPPING)
                : state;
        return new TorStatus(s, phase, onion, uploads, problem, defences);
    }

    /** A new ADD_ONION (or none): no uploads yet, and no defences until tor accepts it. */
    TorStatus withOnion(String serviceId) {
        return new TorStatus(state, bootstrap, serviceId, 0, problem, null);
    }

    TorStatus withDefences(AppliedDefences applied) {
        return new TorStatus(state, bootstrap, onion, uploads, problem, applied);
    }

    TorStatus withUpload() {
        return new TorStatus(state, bootstrap, onion, uploads + 1, problem, defences);
    }

    TorStatus withProblem(String text) {
        return new TorStatus(state, bootstrap, onion, uploads, text, defences);
    }

    /** One line for the log and for clients, e.g. {@code bootstrapping 45% (loading_descriptors): ...}. */
    public String describe() {
        String text = switch (state) {
            case STARTING -> "starting tor";
            case BOOTSTRAPPING -> "tor bootstrapping " + bootstrap;
            case READY ->
                onion == null
                        ? "tor ready, onion service not added"
                        : uploads == 0 ? "tor ready, publishing onion service" : "tor ready, onion service published";
            case RESTARTING -> "tor restarting";
            case CLOSED -> "tor stopped";
        };
        return problem == null ? text : text + "; problem: " + problem;
    }
}
