package org.torchat.protocol.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class HelpParagraphsTest {
    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description = {"A sentence that the source cut", "in the middle.", "", "A second paragraph."})
    static final class Demo implements Runnable {
        @Option(
                names = "--flag",
                description = {"An option whose help", "was cut as well."})
        boolean flag;

        @Override
        public void run() {}
    }

    @Test
    void linesBecomeParagraphs() {
        assertArrayEquals(new String[] {"a b", "", "c"}, HelpParagraphs.join(new String[] {"a", " b", "", "c"}));
        assertArrayEquals(new String[] {}, HelpParagraphs.join(new String[] {}));
    }

    @Test
    void helpWrapsAtWordsForTheWidthNotWhereTheSourceCut() {
        CommandLine cl = HelpParagraphs.apply(new CommandLine(new Demo()));
        cl.setUsageHelpWidth(120);
        String wide = cl.getUsageMessage();
        assertTrue(wide.contains("A sentence that the source cut in the middle."), wide);
        assertTrue(wide.contains("An option whose help was cut as well."), wide);
        cl.setUsageHelpWidth(55);
        String narrow = cl.getUsageMessage();
        for (String line : narrow.lines().toList()) {
            assertTrue(line.length() <= 55, line);
        }
        assertTrue(narrow.contains("A second paragraph."), narrow);
    }

    @Test
    void optionsStillBind() {
        Demo demo = new Demo();
        HelpParagraphs.apply(new CommandLine(demo)).parseArgs("--flag");
        assertTrue(demo.flag);
    }
}
