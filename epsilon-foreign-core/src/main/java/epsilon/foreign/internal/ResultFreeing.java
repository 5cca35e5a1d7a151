package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.NativeStrings;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.Charset;

/**
 * A {@code char *} result C allocated for the caller to free: decoded to a {@code String}, then freed with the
 * library's own {@code void f(void *)} ({@code sqlite3_free}, {@code free}), the same way at every call level
 * ({@code CallOption.freedWith}, {@code @FreedWith}).
 */
public final class ResultFreeing {
    private static final FunctionDescriptor FREE = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);

    private final MethodHandle free;

    private ResultFreeing(MethodHandle free) {
        this.free = free;
    }

    /**
     * The freeing of {@code function}'s results with {@code freeFunction}, found in {@code library} or else in the
     * C library.
     *
     * @param resultType the function's C result type, which must be a {@code char *}
     * @param caller     how errors name the function ({@code "sqlite3_mprintf"}, {@code "Sqlite.mprintf(String)"})
     * @throws ForeignError when the result is not a {@code char *}
     * @throws UnknownSymbolError when neither library has {@code freeFunction}
     */
    public static ResultFreeing of(CType resultType, String freeFunction, NativeLibrary library, String caller) {
        if (resultType.kind() != CType.Kind.STRING) {
            throw new ForeignError(caller + " cannot have its result freed with " + freeFunction + ": it returns "
                    + resultType.name() + ", not a char * to decode and free", caller);
        }
        MemorySegment address = library.find(freeFunction)
                .or(() -> Linker.nativeLinker().defaultLookup().find(freeFunction))
                .orElseThrow(() -> new UnknownSymbolError("'" + freeFunction + "', to free the results of " + caller
                        + ", is in neither library '" + library.name() + "' nor the C library", freeFunction));
        return new ResultFreeing(Linker.nativeLinker().downcallHandle(address, FREE));
    }

    /** The text at {@code pointer}, which is then freed; {@code NULL} is {@code null} and frees nothing. */
    public String decodeAndFree(MemorySegment pointer, Charset charset) {
        if (pointer.address() == 0) {
            return null;
        }
        try {
            return NativeStrings.fromNative(pointer, charset);
        } finally {
            free(pointer);
        }
    }

    private void free(MemorySegment pointer) {
        try {
            free.invokeExact(pointer);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible); // a downcall throws nothing checked
        }
    }
}
