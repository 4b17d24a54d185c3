package org.torchat.protocol.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Makes --help of torchat and torchatd wrap at word boundaries for the terminal's width. Their annotations give
 * descriptions as arrays of lines cut for 80 columns, and picocli prints each element as its own line, so a
 * sentence broke wherever the source did ("through Tor and / keeps them"). Here the elements of every description
 * and footer are joined into paragraphs (an empty element separates two), and picocli wraps them for the
 * terminal's actual width ({@code usageHelpAutoWidth}).
 */
public final class HelpParagraphs {
    private HelpParagraphs() {}

    /** Applies to {@code cl} and all its subcommands; returns it. */
    public static CommandLine apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().description(join(spec.usageMessage().description()));
        spec.usageMessage().footer(join(spec.usageMessage().footer()));
        spec.usageMessage().header(join(spec.usageMessage().header()));
        for (OptionSpec o : List.copyOf(spec.options())) {
            if (o.description().length > 1) {
                spec.remove(o);
                spec.addOption(
                        OptionSpec.builder(o).description(join(o.description())).build());
            }
        }
        for (PositionalParamSpec p : List.copyOf(spec.positionalParameters())) {
            if (p.description().length > 1) {
                spec.remove(p);
                spec.addPositional(PositionalParamSpec.builder(p)
                        .description(join(p.description()))
                        .build());
            }
        }
        spec.usageMessage().autoWidth(true);
        cl.getSubcommands().values().forEach(HelpParagraphs::apply);
        return cl;
    }

    /** Lines joined with spaces into paragraphs; an empty line stays, between paragraphs. */
    public static String[] join(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                if (paragraph.length() > 0) {
                    out.add(paragraph.toString());
                    paragraph.setLength(0);
                }
                out.add("");
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        if (paragraph.length() > 0) {
            out.add(paragraph.toString());
        }
        return out.toArray(String[]::new);
    }
}
