package io.jxdp;

/**
 * A helper function written in Java, registered under a helper id with {@link
 * Loader#helper(int, String, CustomHelper)}: a program's {@code call ID} runs it with r1-r5 and
 * takes its result as r0.
 */
@FunctionalInterface
public interface CustomHelper {
    /**
     * Runs the helper.
     *
     * @param context the arguments and checked access to the program's memory
     * @return r0 for the program
     */
    long call(HelperContext context);
}
