package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The golden tests' failure message: the changed lines with three lines of context, as hunks. */
class LineDiffTest {
    @Test
    void changesCloseTogetherShareOneHunk() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n";
        assertEquals(
                "@@ golden line 2 @@\n  b\n  c\n  d\n- e\n+ E\n  f\n  g\n  h\n  i\n  j\n+ k\n",
                LineDiff.unified(before, after));
    }

    @Test
    void changesFarApartGetAHunkEach() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n";
        assertEquals(
                "@@ golden line 1 @@\n  1\n- 2\n+ X\n  3\n  4\n  5\n"
                        + "@@ golden line 8 @@\n  8\n  9\n  10\n- 11\n+ Y\n  12\n",
                LineDiff.unified(before, after));
    }

    @Test
    void equalTextsHaveNoHunks() {
        assertEquals("", LineDiff.unified("x\ny\n", "x\ny\n"));
    }
}
