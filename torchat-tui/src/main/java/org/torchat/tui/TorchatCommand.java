package org.torchat.tui;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.torchat.tui.cli.AcceptCommand;
import org.torchat.tui.cli.AddCommand;
import org.torchat.tui.cli.BackupCommand;
import org.torchat.tui.cli.BlockCommand;
import org.torchat.tui.cli.ContactsCommand;
import org.torchat.tui.cli.DaemonOptions;
import org.torchat.tui.cli.ExportCommand;
import org.torchat.tui.cli.FileDecisionCommand;
import org.torchat.tui.cli.GroupCommand;
import org.torchat.tui.cli.GroupsCommand;
import org.torchat.tui.cli.HistoryCommand;
import org.torchat.tui.cli.HostCommand;
import org.torchat.tui.cli.LockCommand;
import org.torchat.tui.cli.NickCommand;
import org.torchat.tui.cli.PeersCommand;
import org.torchat.tui.cli.PingCommand;
import org.torchat.tui.cli.ReadCommand;
import org.torchat.tui.cli.RemoveCommand;
import org.torchat.tui.cli.RequestsCommand;
import org.torchat.tui.cli.SearchCommand;
import org.torchat.tui.cli.SendCommand;
import org.torchat.tui.cli.SendFileCommand;
import org.torchat.tui.cli.StatusCommand;
import org.torchat.tui.cli.StopCommand;
import org.torchat.tui.cli.TokenOptions;
import org.torchat.tui.cli.TransfersCommand;
import org.torchat.tui.cli.UnblockCommand;
import org.torchat.tui.cli.UnlockCommand;
import org.torchat.tui.cli.WatchCommand;
import org.torchat.tui.daemon.DaemonConnection;
import org.torchat.tui.ui.ClientSettings;
import org.torchat.tui.ui.InteractiveClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torchat HOST PORT} (the terminal client) and the scripting subcommands. */
@Command(
        name = "torchat",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        customSynopsis = {
            "torchat [-hV] [--color=WHEN] [--bell=WHEN] [--title] HOST PORT",
            "   or: torchat COMMAND [--host=HOST] [-p=PORT] [ARGUMENTS...]"
        },
        description = {
            "The TORchat terminal client.",
            "'torchat HOST PORT' attaches to the torchatd whose control port is PORT on HOST",
            "(e.g. torchat localhost 8000). The subcommands do one thing and exit.",
            "",
            "In the client, Enter sends the line to the current peer; /peer changes the peer,",
            "/add, /nick, /block, /accept manage the contacts, /fileup PATH sends a file, /acceptfile takes",
            "an offered one, /quit leaves, /exit stops the daemon and leaves, /help lists the keys.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 the daemon refused or another failure, 2 bad command line,",
            "3 the daemon cannot be reached, 4 the daemon wants its control token (--token-file)",
            "or refused the one sent."
        })
public final class TorchatCommand implements Callable<Integer> {
    /**
     * The scripting subcommands, in the order help lists them. picocli builds the model of every one of them when
     * they are declared (options, help, reflection): about 3 MB of the terminal client's memory, which
     * {@code torchat HOST PORT} never uses. {@link TorchatMain} adds them only to command lines that may.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            HostCommand.class,
            PeersCommand.class,
            ReadCommand.class,
            HistoryCommand.class,
            SendCommand.class,
            StatusCommand.class,
            StopCommand.class,
            WatchCommand.class,
            ContactsCommand.class,
            AddCommand.class,
            NickCommand.class,
            RemoveCommand.class,
            BlockCommand.class,
            UnblockCommand.class,
            RequestsCommand.class,
            AcceptCommand.class,
            SendFileCommand.class,
            TransfersCommand.class,
            FileDecisionCommand.Accept.class,
            FileDecisionCommand.Reject.class,
            BackupCommand.class,
            ExportCommand.class,
            SearchCommand.class,
            UnlockCommand.class,
            LockCommand.class,
            PingCommand.class,
            GroupCommand.class,
            GroupsCommand.class);

    /** Their names, as their {@code @Command} says (a test holds the two lists together). */
    static final Set<String> SUBCOMMAND_NAMES = Set.of(
            "host",
            "peers",
            "read",
            "history",
            "send",
            "status",
            "stop",
            "watch",
            "contacts",
            "add",
            "nick",
            "remove",
            "block",
            "unblock",
            "requests",
            "accept",
            "send-file",
            "transfers",
            "accept-file",
            "reject-file",
            "backup",
            "export",
            "search",
            "unlock",
            "lock",
            "ping",
            "group",
            "groups");

    // Optional for picocli only: required positionals of the parent would make every subcommand fail.
    @Parameters(
            index = "0",
            arity = "0..1",
            hideParamSyntax = true,
            paramLabel = "HOST",
            description = "Host the daemon runs on, e.g. localhost.")
    String host;

    @Parameters(
            index = "1",
            arity = "0..1",
            hideParamSyntax = true,
            paramLabel = "PORT",
            description = "The daemon's control port, e.g. 8000.")
    Integer port;

    @Mixin
    TokenOptions token;

    @Option(
            names = "--color",
            defaultValue = "auto",
            paramLabel = "WHEN",
            description = "Colour: auto (none with NO_COLOR set, TERM=dumb or a monochrome terminal), always, never.")
    String color;

    @Option(
            names = "--bell",
            defaultValue = "on",
            paramLabel = "WHEN",
            description = "Ring the terminal bell for a message to a peer that is not open: on, off, contacts.")
    String bell;

    @Option(names = "--title", description = "Show the unread total in the terminal's title.")
    boolean title;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        if (host == null || port == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    host == null
                            ? "Missing required parameters: 'HOST', 'PORT'"
                            : "Missing required parameter: 'PORT'");
        }
        DaemonOptions.checkPort(port, "PORT");
        ClientSettings settings;
        try {
            settings = ClientSettings.of(color, bell, title, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--color takes auto, always or never; --bell on, off or contacts");
        }
        return InteractiveClient.run(
                new DaemonConnection(host, port, token.find(host).orElse(null)), settings);
    }
}
