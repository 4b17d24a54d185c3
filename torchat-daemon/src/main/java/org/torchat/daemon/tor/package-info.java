/**
 * Tor for the daemon: a tor of our own ({@link org.torchat.daemon.tor.ManagedTor}) or one the user runs
 * ({@link org.torchat.daemon.tor.ExternalTor}), both behind {@link org.torchat.daemon.tor.Tor}; the control protocol
 * is spoken through Briar's jtorctl.
 *
 * <p>How the daemon uses it:
 * <ol>
 *   <li>Choose: {@code --tor-control HOST:PORT} given: {@link org.torchat.daemon.tor.ExternalTor#connect}; only
 *       {@code --socks} given: no Tor object at all (development and tests); otherwise
 *       {@link org.torchat.daemon.tor.ManagedTor#start} with {@code Options.in(dataDir.resolve("tor"))}. Start it
 *       first: bootstrap runs in tor while the daemon goes on. A {@link org.torchat.daemon.tor.TorException} here
 *       (tor not installed, exited at start, authentication refused, a control port that could not prove it is
 *       tor: {@link org.torchat.daemon.tor.TorControlHandshake}) is a startup failure; its message is the one line
 *       for the user.</li>
 *   <li>Bind the peer listener, then {@link org.torchat.daemon.tor.Tor#publish}{@code (identity, peerPort)}:
 *       it returns at once, after checking that tor's ServiceID is our address (a mismatch or a refusal is a
 *       startup failure too). The service gets tor's own defences as the options say (proof of work where tor
 *       can, streams per circuit); {@code status().defences()} tells what tor accepted.</li>
 *   <li>Deliver through {@link org.torchat.daemon.tor.Tor#socksAddress()}, asked per connection.</li>
 *   <li>Show {@link org.torchat.daemon.tor.Tor#status()} to clients (and follow it with
 *       {@link org.torchat.daemon.tor.Tor#addStatusListener}); {@code describe()} is a ready-made line. A stuck
 *       bootstrap is logged as an error and appears as {@code problem()}, without stopping the daemon.</li>
 *   <li>On shutdown, {@link org.torchat.daemon.tor.Tor#close()} after closing the listeners. A managed tor also
 *       exits by itself if we die ({@code __OwningControllerProcess} and {@code TAKEOWNERSHIP}).</li>
 * </ol>
 */
package org.torchat.daemon.tor;
