package io.jxdp.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during {@code jxdp run}: the first SIGINT asks the datapath to stop (RX stops, bulk queues
 * are flushed, rings drained, then the totals are printed, as {@code xdp-bench} prints its summary
 * on Ctrl-C); a second one exits at once with 130, the shell's code for SIGINT. Java has no public
 * signal API, so this uses {@code sun.misc.Signal} (module jdk.unsupported, there for exactly this)
 * by reflection; where it is missing, Ctrl-C keeps the JVM's default and ends the run without totals.
 */
final class Interrupts implements AutoCloseable {
    /** The shell's exit code for a process ended by SIGINT (128 + 2). */
    static final int EXIT_SIGINT = 130;

    private final CountDownLatch first = new CountDownLatch(1);
    private final Runnable onFirst;
    private Object signal;
    private Object previous;

    private Interrupts(Runnable onFirst) {
        this.onFirst = onFirst;
    }

    /** Installs the handler; {@code onFirst} runs (on the signal's thread) at the first Ctrl-C. */
    static Interrupts install(Runnable onFirst) {
        Interrupts i = new Interrupts(onFirst);
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sig = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler h = (proxy, method, args) -> i.dispatch(method);
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, h);
            i.previous =
                    signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sig, handler);
            i.signal = sig;
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // no sun.misc.Signal on this JVM, or SIGINT not ours to handle (the JVM runs with -Xrs)
        }
        return i;
    }

    private Object dispatch(Method method) {
        switch (method.getName()) {
            case "handle" -> received();
            case "hashCode" -> {
                return System.identityHashCode(this);
            }
            case "equals" -> {
                return false;
            }
            case "toString" -> {
                return "jxdp run's SIGINT handler";
            }
            default -> {}
        }
        return null;
    }

    private void received() {
        if (first.getCount() == 0) {
            Runtime.getRuntime().halt(EXIT_SIGINT); // the second Ctrl-C: the user wants out now
        }
        first.countDown();
        onFirst.run();
    }

    /** True once Ctrl-C was pressed. */
    boolean interrupted() {
        return first.getCount() == 0;
    }

    /** Sleeps up to {@code millis}, returning early at Ctrl-C. */
    void sleep(long millis) throws InterruptedException {
        first.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Gives SIGINT back to whoever had it (the JVM's default: exit). */
    @Override
    public void close() {
        if (signal == null) {
            return;
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, previous);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // nothing to give back
        }
    }
}
