package io.jxdp.jit;

import io.jxdp.isa.Program;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.helpers.HelperFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What every method of one program's class shares: the linked program, the access plan, the
 * budget, and the class data. Objects the code needs at run time (helpers without a direct static
 * method, the helper table for callx) travel as the hidden class's class data and are loaded with
 * {@code ldc} of a dynamic constant, which HotSpot folds like a static final: no static mutable
 * state, and nothing global.
 */
final class JitContext {
    /** Class data index of the helper table (callx by helper id). */
    static final int HELPER_TABLE = 0;

    private static final Handle CLASS_DATA_AT = new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/MethodHandles",
            "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);

    final LinkedProgram linked;
    final Program program;
    final AccessPlan access;
    final String className;
    final long budget;
    final int[] functionEntries;
    private final List<Object> classData = new ArrayList<>();
    private final IdentityHashMap<Object, Integer> classDataIndex = new IdentityHashMap<>();
    private boolean usesCallx;

    JitContext(LinkedProgram linked, AccessPlan access, String className, long budget) {
        this.linked = linked;
        this.program = linked.program();
        this.access = access;
        this.className = className;
        this.budget = budget;
        this.functionEntries = linked.functionEntries();
        classData.add(linked.helperTable());
    }

    /** The class data list (its order fixes the indices the code was compiled with). */
    List<Object> classData() {
        return List.copyOf(classData);
    }

    /** A dynamic constant that loads {@code value} from the class data. */
    ConstantDynamic constant(Object value, String descriptor) {
        int index = classDataIndex.computeIfAbsent(value, v -> {
            classData.add(v);
            return classData.size() - 1;
        });
        return new ConstantDynamic("_", descriptor, CLASS_DATA_AT, index);
    }

    ConstantDynamic helperTable() {
        return new ConstantDynamic("_", "Lio/jxdp/vm/helpers/HelperTable;", CLASS_DATA_AT, HELPER_TABLE);
    }

    void noteCallx() {
        usesCallx = true;
    }

    boolean usesCallx() {
        return usesCallx;
    }

    /**
     * True if generated code may call the helper's static method with {@code invokestatic}: it is
     * public, of a public class this class loader resolves to the same class, with the helper
     * signature.
     */
    static boolean callableDirectly(HelperFunction f) {
        Method m = f.direct();
        if (m == null
                || !Modifier.isPublic(m.getModifiers())
                || !Modifier.isPublic(m.getDeclaringClass().getModifiers())
                || !Type.getMethodDescriptor(m).equals(MethodUnit.FUNCTION_DESCRIPTOR)) {
            return false;
        }
        try {
            return Class.forName(m.getDeclaringClass().getName(), false, JitContext.class.getClassLoader())
                    == m.getDeclaringClass();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
