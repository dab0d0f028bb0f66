package io.jxdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What {@code jxdp --version} prints: the version the build gave the jar ({@code
 * version.properties}, filtered by the cli module's build), the git commit of the checkout the
 * launcher runs from (passed as {@code -Djxdp.commit}; the launcher rebuilds the jar whenever a
 * source is newer, so the two belong together), then the Java that runs it.
 */
final class Version {
    /** The system property the launcher sets to {@code git rev-parse --short=12 HEAD}. */
    static final String COMMIT_PROPERTY = "jxdp.commit";

    private Version() {}

    /** {@code jxdp 0.1.0-SNAPSHOT (commit 0123456789ab)}, or "commit unknown" without git. */
    static String line(String commit) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unreadable: reported as unknown below
        }
        String version = known(p.getProperty("version"));
        String c = known(commit);
        return "jxdp " + (version != null ? version : "(version unknown: not built by Maven)") + " ("
                + (c != null ? "commit " + c : "commit unknown") + ")";
    }

    /** The Java running jxdp: {@code Java 17.0.9 (OpenJDK 64-Bit Server VM)}. */
    static String java() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** A value that was filled in, or null (absent, blank, or an unexpanded {@code ${...}}). */
    private static String known(String v) {
        return v == null || v.isBlank() || v.contains("${") ? null : v.strip();
    }
}
