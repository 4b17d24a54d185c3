package org.torchat.tui;

import org.torchat.protocol.BuildInfo;
import picocli.CommandLine;

/** {@code --version}: the version and commit this client was built from ({@link BuildInfo}). */
public final class Version implements CommandLine.IVersionProvider {
    public static String text() {
        return BuildInfo.current().text();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"torchat " + text()};
    }
}
