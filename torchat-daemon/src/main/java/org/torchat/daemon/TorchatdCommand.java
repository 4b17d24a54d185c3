package org.torchat.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.torchat.daemon.backup.Restore;
import org.torchat.daemon.config.ConfigException;
import org.torchat.daemon.config.ConfigFile;
import org.torchat.daemon.config.HostPort;
import org.torchat.daemon.config.Settings;
import org.torchat.daemon.logging.LogSetup;
import org.torchat.daemon.seal.SealInit;
import org.torchat.daemon.store.DataDirectory;
import org.torchat.protocol.backup.Passphrases;
import org.torchat.protocol.cli.HelpParagraphs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchatd [-d] [PORT]}: the seed's command line, plus options. Exit codes: 0 ok, 1 cannot start, 2 usage. */
@Command(
        name = "torchatd",
        mixinStandardHelpOptions = true,
        versionProvider = TorchatdCommand.VersionProvider.class,
        sortOptions = false,
        description = {
            "The TORchat daemon: keeps your onion identity, receives messages from peers through Tor and",
            "keeps them until a client reads them, and delivers your messages through Tor's SOCKS port."
        },
        footer = {"", "Exit codes: 0 stopped cleanly, 1 could not start, 2 bad command line or torchat.conf."})
final class TorchatdCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PORT",
            description = "Control port for clients (default: daemonport in torchat.conf, else 8000).")
    Integer port;

    @Option(
            names = {"-d", "--daemon"},
            description = "Log to files in the data directory instead of the console "
                    + "(bin/torchatd also detaches from the terminal).")
    boolean daemon;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "torchat.conf to read (default: DATA_DIR/torchat.conf if it exists).")
    Path config;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Identity, logs and state (default: $TORCHAT_HOME, else ~/.torchat).")
    Path dataDir;

    @Option(
            names = "--socks",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Only this SOCKS5 port, no onion service: the no-Tor mode for development and tests "
                    + "(default: a managed tor when tor is installed, else host:torport from torchat.conf).")
    HostPort socks;

    @Option(
            names = "--tor-control",
            paramLabel = "HOST:PORT",
            converter = HostPortConverter.class,
            description = "Use the tor you run, through its control port (e.g. 127.0.0.1:9251 with tor/torrc), "
                    + "instead of starting our own.")
    HostPort torControl;

    @Option(
            names = "--tor-cookie",
            paramLabel = "FILE",
            description = "That tor's control_auth_cookie (default: what tor announces). A password instead: "
                    + "torpassword in torchat.conf or $TORCHAT_TOR_PASSWORD.")
    Path torCookie;

    @Option(
            names = "--peer-port",
            paramLabel = "PORT",
            description = "Loopback port where Tor delivers peer connections (default: peerport, else PORT+1).")
    Integer peerPort;

    @Option(
            names = "--listen",
            paramLabel = "ADDRESS",
            description = "Address of the control listener, an IP literal (default: interface in torchat.conf, else "
                    + "127.0.0.1). Beyond loopback (e.g. 0.0.0.0) every client must send the control token from "
                    + "DATA_DIR/control.cookie; the control protocol is not encrypted: prefer SSH port forwarding.")
    String listen;

    @Option(
            names = "--require-token",
            description = "Require the control token (DATA_DIR/control.cookie) from "
                    + "clients on loopback too: for machines shared with other users (requiretoken in torchat.conf).")
    boolean requireToken;

    @Option(names = "--log-messages", description = "Also write message text to the logs (off by default).")
    boolean logMessages;

    @Option(
            names = "--ephemeral",
            description = "Keep messages in memory only, as the seed did: nothing is written "
                    + "to disk but the identity and logs, and everything unread is lost when the daemon stops.")
    boolean ephemeral;

    @Option(
            names = {"-v", "--verbose"},
            description = "Debug logging (with -d, into the debug log).")
    boolean verbose;

    @Option(
            names = "--restore",
            paramLabel = "FILE",
            description = "Make a new data directory (--data-dir, which must not exist or be empty) from a backup "
                    + "written by 'torchat backup', then exit; start the daemon on it afterwards. The passphrase: "
                    + "--passphrase-file, else $TORCHAT_BACKUP_PASSPHRASE, else asked on the terminal.")
    Path restore;

    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "With --restore or --seal-init: the passphrase is the first line of FILE.")
    Path passphraseFile;

    @Option(
            names = "--seal-init",
            description = "Create the key that history is sealed to (sealhistory, docs/SEALING.md) in the data "
                    + "directory, its private half under a passphrase (--passphrase-file, else asked twice on the "
                    + "terminal), then exit. The daemon must be stopped.")
    boolean sealInit;

    @Option(
            names = "--ready-file",
            hidden = true,
            paramLabel = "FILE",
            description = "Written once the daemon accepts connections (used by bin/torchatd).")
    Path readyFile;

    static CommandLine commandLine() {
        CommandLine cl = HelpParagraphs.apply(new CommandLine(new TorchatdCommand()));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof TorchatdException t) {
                commandLine.getErr().println("torchatd: " + t.getMessage());
                return t.exitCode();
            }
            commandLine.getErr().println("torchatd: unexpected failure: " + e);
            return 1;
        });
        return cl;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatdException, InterruptedException {
        if (restore != null) {
            return restore();
        }
        if (sealInit) {
            return sealInit();
        }
        if (passphraseFile != null) {
            throw new UsageException("--passphrase-file only goes with --restore or --seal-init");
        }
        Settings settings = settings();
        DataDirectory dir = DataDirectory.open(settings.dataDir());
        configureLogging(dir, settings);
        Daemon daemon = Daemon.start(settings, dir, Clock.systemDefaultZone());
        try {
            ShutdownSignals.install(daemon::requestShutdown);
            writeReadyFile(daemon, settings);
            daemon.awaitShutdownRequest();
        } finally {
            daemon.close();
        }
        return 0;
    }

    /** {@code --restore}: unpacks, checks and exits; the daemon is started on the new directory afterwards. */
    private int restore() throws TorchatdException {
        Path target = dataDir != null ? dataDir : Settings.defaultDataDir();
        char[] passphrase;
        try {
            passphrase =
                    Passphrases.obtain(passphraseFile, System.getenv(), System.console(), "Backup passphrase", false);
        } catch (Passphrases.UnavailableException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            Restore.Result result = Restore.run(restore, target, passphrase);
            PrintWriter out = spec.commandLine().getOut();
            out.println("restored " + result.address().hostname() + " into " + result.dataDir());
            out.println("start it with: torchatd --data-dir " + result.dataDir() + " (stop the old daemon first: "
                    + "two daemons with one onion address take turns receiving)");
            out.flush();
            return 0;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** {@code --seal-init}: the passphrase from the file or the terminal only (not the backups' variable). */
    private int sealInit() throws TorchatdException {
        Path root = settings().dataDir();
        char[] passphrase;
        try {
            passphrase = Passphrases.obtain(
                    passphraseFile, java.util.Map.of(), System.console(), "Passphrase for sealed history", true);
        } catch (Passphrases.UnavailableException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            Path key = SealInit.run(root, passphrase);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + key + "; set sealhistory: true in torchat.conf and start the daemon: it seals "
                    + "what is stored and starts locked (torchat unlock)");
            out.flush();
            return 0;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private Settings settings() throws UsageException {
        try {
            Settings.Builder builder = new Settings.Builder().apply(configFile());
            if (port != null) {
                builder.controlPort(checkPort(port, "PORT"));
            }
            if (peerPort != null) {
                builder.peerPort(checkPort(peerPort, "--peer-port"));
            }
            if (socks != null) {
                builder.socks(socks);
            }
            if (dataDir != null) {
                builder.dataDir(dataDir);
            }
            if (logMessages) {
                builder.logMessageText(true);
            }
            if (listen != null) {
                builder.listen(listen);
            }
            if (requireToken) {
                builder.requireToken(true);
            }
            if (ephemeral) {
                builder.ephemeral(true);
            }
            if (torControl != null) {
                builder.torControl(torControl);
            }
            if (torCookie != null) {
                builder.torCookie(torCookie);
            }
            String password = System.getenv("TORCHAT_TOR_PASSWORD");
            if (password != null && !password.isEmpty()) {
                builder.torPassword(password);
            }
            return builder.build();
        } catch (ConfigException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ConfigFile configFile() throws ConfigException, UsageException {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new UsageException("--config " + config + ": no such file");
            }
            return ConfigFile.read(config);
        }
        Path implicit = (dataDir != null ? dataDir : Settings.defaultDataDir()).resolve("torchat.conf");
        return Files.isRegularFile(implicit) ? ConfigFile.read(implicit) : ConfigFile.empty();
    }

    private static int checkPort(int value, String name) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(name + " must be a port number 1..65535, got " + value);
        }
        return value;
    }

    private void configureLogging(DataDirectory dir, Settings settings) throws StartupException {
        if (!daemon) {
            LogSetup.console(verbose);
            return;
        }
        try {
            LogSetup.files(dir, settings, verbose);
        } catch (IOException e) {
            throw new StartupException("cannot create log files in " + dir.root() + ": " + e.getMessage(), e);
        }
    }

    private void writeReadyFile(Daemon daemon, Settings settings) throws StartupException {
        if (readyFile == null) {
            return;
        }
        String text = "pid=" + ProcessHandle.current().pid() + "\n"
                + "onion=" + daemon.address().hostname() + "\n"
                + "control=" + settings.controlInterface().getHostAddress() + ":" + daemon.controlPort() + "\n"
                + "peer=127.0.0.1:" + daemon.peerPort() + "\n"
                + "datadir=" + settings.dataDir() + "\n"
                + "log=" + settings.dataDir().resolve(settings.activityLogName()) + "\n"
                + "errorlog=" + settings.dataDir().resolve(settings.errorLogName()) + "\n"
                + "pidfile=" + settings.dataDir().resolve(Daemon.PID_FILE) + "\n"
                + "token=" + (settings.requireControlToken() ? "required" : "optional") + " "
                + settings.dataDir().resolve(org.torchat.daemon.store.ControlCookie.FILE_NAME) + "\n"
                // issue 14: bin/torchatd's banner says when there is no tor, so nothing is published
                + "tor=" + daemon.torStatus().map(t -> "yes " + t.describe()).orElse("none") + "\n";
        try {
            Path tmp = Files.createTempFile(readyFile.toAbsolutePath().getParent(), ".ready", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupException("cannot write ready file " + readyFile + ": " + e.getMessage(), e);
        }
    }

    /** Converts {@code HOST:PORT} options. */
    static final class HostPortConverter implements CommandLine.ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"torchatd " + Version.text()};
        }
    }
}
