package org.torchat.tui.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.Callable;
import org.torchat.protocol.Json;
import org.torchat.protocol.text.TerminalText;
import org.torchat.tui.ClientFailureException;
import org.torchat.tui.TorchatException;
import org.torchat.tui.daemon.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code torchat export PEER [--format text|json]}: one whole conversation on standard output, to keep or read
 * elsewhere. Text is for people and safe in a terminal (the peer's control characters become ?); JSON keeps every
 * character of every message, escaped as JSON does.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the whole conversation with a peer to standard output, oldest first.",
            "text: '[date] < their text' and '[date] > your text (status)', control characters shown as ?,",
            "lines of a message after its first indented; json: one object {peer, count, messages: [...]}."
        })
public final class ExportCommand implements Callable<Integer> {
    /** The formats of --format. */
    enum Format {
        text,
        json
    }

    @Mixin
    DaemonOptions daemon;

    @Parameters(index = "0", paramLabel = "PEER", description = "The peer's onion address, or a contact's nickname.")
    String peer;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws TorchatException {
        String onion = PeerArgument.parse(peer);
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (format == Format.json) {
                json(onion, out);
            } else {
                text(onion, out);
            }
        } catch (UncheckedIOException e) {
            throw new ClientFailureException(
                    "cannot write the export: " + e.getCause().getMessage(), e);
        }
        out.flush();
        return 0;
    }

    private void text(String onion, PrintWriter out) throws TorchatException {
        out.println("# TORchat conversation with " + TerminalText.line(onion));
        long count = daemon.connect().export(onion, e -> out.println(TerminalText.indented(e.display(), "    ")));
        out.println("# " + count + " messages");
    }

    private void json(String onion, PrintWriter out) throws TorchatException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(unclosed(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("peer", onion);
            g.writeArrayFieldStart("messages");
            long count = daemon.connect().export(onion, e -> message(g, e));
            g.writeEndArray();
            g.writeNumberField("count", count);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void message(JsonGenerator g, HistoryEntry e) {
        try {
            g.writeStartObject();
            g.writeStringField("time", e.time());
            g.writeStringField("direction", e.incoming() ? "in" : "out");
            g.writeStringField("status", e.status());
            g.writeStringField("text", e.text());
            if (e.error() != null) {
                g.writeStringField("error", e.error());
            }
            if (e.verified() != null) {
                g.writeBooleanField("verified", e.verified());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The generator closes what it writes to; standard output stays open. */
    private static Writer unclosed(PrintWriter out) {
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                out.write(cbuf, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
