package epsilon.foreign.optimize.binding;

import epsilon.foreign.CFunction;
import epsilon.foreign.NativeType;
import epsilon.foreign.marshalling.ByReference;
import epsilon.foreign.optimize.NativeLibrary;
import java.lang.foreign.MemorySegment;

/** Out-parameters and functional interfaces made callbacks for one call, through a generated binding. */
@NativeLibrary("c")
public interface OutParameterBinding {
    /** qsort's comparator as a plain Java interface, which the binding makes a callback for the call. */
    @FunctionalInterface
    interface SegmentComparator {
        int compare(MemorySegment a, MemorySegment b);
    }

    @CFunction("strtol")
    long strtol(String text, String[] end, int base);

    @CFunction("strtol")
    long strtolSegment(String text, MemorySegment[] end, int base);

    @CFunction("strtol")
    long strtolHolder(String text, ByReference<String> end, int base);

    @CFunction("strtol")
    long strtolPointer(String text, @NativeType("char **") ByReference<MemorySegment> end, int base);

    @CFunction("frexp")
    double frexp(double x, int[] exponent);

    @CFunction("frexp")
    double frexpHolder(double x, ByReference<Integer> exponent);

    @CFunction("frexp")
    double frexpAny(double x, @NativeType("int *") ByReference<?> exponent);

    void qsort(MemorySegment base, @NativeType("size_t") long count, @NativeType("size_t") long size,
               @NativeType("int (*)(const void *, const void *)") SegmentComparator compare);
}
