package org.torchat.tui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the version recorded in the jar (manifest, else Maven's pom.properties), or "dev". */
public final class Version implements CommandLine.IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.torchat/torchat-tui/pom.properties";

    public static String text() {
        String manifest = Version.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: a missing version is not worth failing for
        }
        return "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"torchat " + text()};
    }
}
