package io.jxdp.verifier.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running kernel's release ({@code uname -r}), which recorded expectations name. */
public final class KernelRelease {
    private KernelRelease() {}

    /** The release, or "unknown" where /proc does not say (not Linux). */
    public static String current() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
