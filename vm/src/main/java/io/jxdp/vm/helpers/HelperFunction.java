package io.jxdp.vm.helpers;

import io.jxdp.vm.Cpu;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A helper registered under the kernel's id.
 *
 * @param id the helper id programs {@code call}
 * @param name the kernel's name ({@code map_lookup_elem}), printed as {@code bpf_map_lookup_elem}
 * @param impl how the interpreter calls it
 * @param direct a public static method {@code (Cpu, long, long, long, long, long) -> long} the JIT
 *     calls directly, or null to go through {@code impl}
 */
public record HelperFunction(int id, String name, Helper impl, Method direct) {
    public HelperFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(impl, "impl");
        if (direct != null && !Modifier.isStatic(direct.getModifiers())) {
            throw new IllegalArgumentException(direct + " is not static");
        }
    }

    /**
     * A helper backed by a public static method of a public class: the interpreter calls it through
     * a generated {@link Helper} (as fast as a lambda), the JIT with {@code invokestatic}.
     */
    public static HelperFunction ofStatic(int id, String name, Class<?> owner, String methodName) {
        MethodType type = MethodType.methodType(
                long.class, Cpu.class, long.class, long.class, long.class, long.class, long.class);
        try {
            Method method = owner.getMethod(methodName, type.parameterArray());
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle target = lookup.unreflect(method);
            CallSite site = LambdaMetafactory.metafactory(
                    lookup, "call", MethodType.methodType(Helper.class), type, target, type);
            Helper impl = (Helper) site.getTarget().invoke();
            return new HelperFunction(id, name, impl, method);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(
                    owner.getName() + "." + methodName + " is not a public static helper method", e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot bind helper " + name, e);
        }
    }
}
