package org.torchat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and git commit this build was made from, recorded at build time (build.properties), so that
 * {@code --version} of both programs names exactly what runs, also from a release archive with no git around.
 */
public record BuildInfo(String version, String commit) {
    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a missing record only makes --version vaguer
        }
        return new BuildInfo(filled(p.getProperty("version"), "dev"), filled(p.getProperty("commit"), UNKNOWN));
    }

    /** An unfiltered placeholder ({@code ${...}}: built without Maven) counts as absent. */
    private static String filled(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.strip();
    }

    /** {@code 0.1.0 (commit 1a2b3c4d5e6f)}. */
    public String text() {
        return version + " (commit " + commit + ")";
    }
}
