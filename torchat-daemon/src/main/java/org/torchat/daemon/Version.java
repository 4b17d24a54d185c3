package org.torchat.daemon;

import org.torchat.protocol.BuildInfo;

/** The version and commit this daemon was built from ({@link BuildInfo}). */
public final class Version {
    private Version() {}

    public static String text() {
        return BuildInfo.current().text();
    }
}
