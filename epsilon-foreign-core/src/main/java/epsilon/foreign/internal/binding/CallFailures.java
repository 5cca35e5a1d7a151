package epsilon.foreign.internal.binding;

import epsilon.foreign.internal.NativeLibrary;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ClosedLibraryError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.FreedMemoryError;
import epsilon.foreign.marshalling.NullArgumentError;
import java.lang.foreign.MemorySegment;

/**
 * Turns the JDK's refusal of a call into the user's mistake it reflects, named by method and parameter: a
 * closed library, a {@code null} or freed segment argument, memory confined to another thread. Runs only when a
 * call has already failed; the handle's fast path never touches it.
 *
 * @param method  the bound method
 * @param library the library the function belongs to
 */
record CallFailures(NativeMethod method, NativeLibrary library) {

    /** Always throws: the translation of {@code failure}, or {@code failure} itself when it needs none. */
    Object rethrow(RuntimeException failure, Object[] arguments) {
        throw translate(failure, arguments);
    }

    RuntimeException translate(RuntimeException failure, Object[] arguments) {
        if (failure instanceof ForeignError alreadyExplained) {
            return alreadyExplained;
        }
        if (!library.isOpen()) {
            return closed();
        }
        for (NativeMethod.Argument argument : method.arguments()) {
            if (argument.javaType() != MemorySegment.class) {
                continue;
            }
            MemorySegment segment = (MemorySegment) arguments[argument.index()];
            if (segment == null && failure instanceof NullPointerException) {
                return new NullArgumentError(method.where() + ": " + argument.label()
                        + " is null; pass MemorySegment.NULL for C's NULL", method.symbol(), argument.index());
            }
            if (segment != null && !segment.scope().isAlive()) {
                return new FreedMemoryError(method.where() + ": " + argument.label()
                        + " is memory that has been freed (its arena is closed)", failure);
            }
        }
        if (failure instanceof WrongThreadException) {
            return new ForeignError(method.where() + ": an argument is memory confined to another thread: "
                    + failure.getMessage(), method.symbol(), null, failure);
        }
        if (failure instanceof IllegalArgumentException) {
            return new ArgumentTypeError(method.where() + ": the linker refused an argument: " + failure.getMessage(),
                    method.symbol(), -1);
        }
        return failure;
    }

    /** Throws {@link #closed()} once the library is closed: run before each call into a library kept loaded. */
    void requireOpen() {
        if (!library.isOpen()) {
            throw closed();
        }
    }

    /** Always throws {@link #closed()}: the fallback of a call whose library was closed. */
    Object rejectClosed() {
        throw closed();
    }

    ClosedLibraryError closed() {
        return new ClosedLibraryError(method.where() + ": " + library.closedError(method.symbol()).getMessage()
                + "; bind the interface again after reopening it", method.symbol());
    }
}
