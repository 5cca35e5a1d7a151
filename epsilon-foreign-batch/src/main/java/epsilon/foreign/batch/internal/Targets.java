package epsilon.foreign.batch.internal;

import epsilon.foreign.ForeignFunction;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

/**
 * The address a step's downcall goes through. A symbol the JVM's own default lookup resolves to the same address
 * (the C and math libraries, which the JVM never unloads) is called through a global segment: no scope to acquire
 * per call, and "closed means closed" is kept by the run checking the library once when it starts. Any other
 * library is called through the library arena's segment, whose scope the JDK holds for the length of each call, so
 * closing the library while a run is inside it is refused rather than unmapping code under it.
 */
final class Targets {
    private Targets() {}

    static MemorySegment address(ForeignFunction function) {
        MemorySegment own = function.address(); // ClosedLibraryError once closed
        return isPermanent(function) ? MemorySegment.ofAddress(own.address()) : own;
    }

    /** Whether the JVM keeps the function's code loaded whatever the library's owner does. */
    static boolean isPermanent(ForeignFunction function) {
        long own = function.address().address();
        return Linker.nativeLinker().defaultLookup().find(function.signature().symbol())
                .filter(system -> system.address() == own).isPresent();
    }
}
