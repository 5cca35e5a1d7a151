package epsilon.foreign.trampoline.internal;

import epsilon.foreign.trampoline.BoundTrampoline;
import epsilon.foreign.trampoline.Trampoline;
import epsilon.foreign.trampoline.TrampolineArgumentException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/** A trampoline: the downcall handle of one shape and its boxed {@link Invoker}. */
final class CompiledTrampoline implements Trampoline {
    private final ShapeKey shape;
    private final MethodHandle handle;
    /** The shape's own invoker, made on first use: a function bound to an address has its own instead. */
    private volatile Invoker invoker;
    private final boolean specialized;
    private final int arity;

    CompiledTrampoline(ShapeKey shape, boolean specialized) {
        this.shape = shape;
        this.handle = Linker.nativeLinker().downcallHandle(shape.descriptor(),
                shape.options().toArray(new Linker.Option[0]));
        this.specialized = specialized;
        this.arity = handle.type().parameterCount() - 1;
    }

    @Override
    public FunctionDescriptor descriptor() {
        return shape.descriptor();
    }

    @Override
    public List<Linker.Option> options() {
        return shape.options();
    }

    @Override
    public MethodHandle handle() {
        return handle;
    }

    @Override
    public Object invoke(MemorySegment address, Object... arguments) {
        Invoker through = invoker;
        return invoke(through != null ? through : shapeInvoker(), address, arguments);
    }

    private synchronized Invoker shapeInvoker() {
        if (invoker == null) {
            invoker = specialized ? InvokerGenerator.generate(handle) : new CombinatorInvoker(handle);
        }
        return invoker;
    }

    private Object invoke(Invoker through, MemorySegment address, Object[] arguments) {
        if (address == null) {
            throw new TrampolineArgumentException("trampoline " + describe() + ": function address is null");
        }
        Object[] args = arguments == null ? new Object[] {null} : arguments;
        if (args.length != arity) {
            throw new TrampolineArgumentException("trampoline " + describe() + ": expected " + arity
                    + (arity == 1 ? " argument" : " arguments") + ", got " + args.length);
        }
        try {
            return through.invoke(address, args);
        } catch (ClassCastException | NullPointerException wrongBox) {
            throw diagnose(args, wrongBox);
        }
    }

    /** Which argument did not fit, and how: only computed once a call has already failed. */
    private RuntimeException diagnose(Object[] args, RuntimeException failure) {
        MethodType type = handle.type();
        for (int i = 0; i < args.length; i++) {
            Class<?> expected = type.parameterType(i + 1);
            Class<?> box = expected.isPrimitive() ? MethodType.methodType(expected).wrap().returnType() : expected;
            if (args[i] == null ? expected.isPrimitive() : !box.isInstance(args[i])) {
                TrampolineArgumentException e = new TrampolineArgumentException("trampoline " + describe()
                        + ": argument " + i + ": expected " + expected.getSimpleName() + " (" + box.getSimpleName()
                        + "), got " + (args[i] == null ? "null" : args[i].getClass().getName()));
                e.initCause(failure);
                return e;
            }
        }
        return failure; // not an argument mismatch: let the original exception speak
    }

    @Override
    public BoundTrampoline bind(MemorySegment address) {
        if (address == null) {
            throw new TrampolineArgumentException("trampoline " + describe() + ": cannot bind a null address");
        }
        MethodHandle bound = MethodHandles.insertArguments(handle, 0, address);
        // A function called often gets its own class, whose constant handle holds the address; the combinator
        // path shares the shape's invoker.
        Invoker through = specialized ? InvokerGenerator.generateBound(bound) : new CombinatorInvoker(handle, bound);
        return new Bound(this, address, bound, through);
    }

    /** {@code (JJ)J}: the shape in JVM descriptor letters, without the leading address. */
    String describe() {
        return handle.type().dropParameterTypes(0, 1).toMethodDescriptorString();
    }

    @Override
    public String toString() {
        return "Trampoline" + describe() + shape.options();
    }

    private record Bound(CompiledTrampoline trampoline, MemorySegment address, MethodHandle handle, Invoker invoker)
            implements BoundTrampoline {
        @Override
        public Object invoke(Object... arguments) {
            return trampoline.invoke(invoker, address, arguments);
        }

        @Override
        public Object invokePrechecked(Object[] arguments) {
            return invoker.invoke(address, arguments);
        }

        @Override
        public Object invokeIfExact(Object[] arguments) {
            return invoker.invokeIfExact(arguments);
        }
    }
}
