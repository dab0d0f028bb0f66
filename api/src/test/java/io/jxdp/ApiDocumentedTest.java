package io.jxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type, constructor, method and constant of the API has a javadoc comment (javadoc's
 * doclint, which the build runs, checks references and HTML; with its "missing" group on it would
 * also demand {@code @param} and {@code @return} tags on every one-line comment).
 */
class ApiDocumentedTest {
    @Test
    void everyPublicDeclarationHasAComment() throws IOException {
        Path dir = ReadmeExampleTest.ROOT.resolve("api/src/main/java/io/jxdp");
        List<String> undocumented = new ArrayList<>();
        int declarations = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("public ") && !isEnumConstant(lines, i)) {
                        continue;
                    }
                    declarations++;
                    int j = i - 1;
                    boolean override = false;
                    while (j >= 0 && lines.get(j).strip().startsWith("@")) {
                        override |= lines.get(j).strip().equals("@Override"); // documented where declared
                        j--; // annotations sit between the comment and the declaration
                    }
                    if (!override && (j < 0 || !lines.get(j).strip().endsWith("*/"))) {
                        undocumented.add(f.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertTrue(declarations > 90, "found " + declarations + " declarations");
        assertEquals(List.of(), undocumented);
    }

    /** An upper-case constant of an enum body ({@code ANY(MapFlags.ANY),}, {@code NONE,}). */
    private static boolean isEnumConstant(List<String> lines, int i) {
        String line = lines.get(i).strip();
        if (!line.matches("[A-Z][A-Z0-9_]*(\\(.*\\))?[,;]?")) {
            return false;
        }
        for (int j = i - 1; j >= 0; j--) {
            String l = lines.get(j).strip();
            if (l.contains(" enum ")) {
                return true;
            }
            if (l.endsWith("{") || (l.endsWith("}") && !l.startsWith("*"))) {
                return false;
            }
        }
        return false;
    }
}
