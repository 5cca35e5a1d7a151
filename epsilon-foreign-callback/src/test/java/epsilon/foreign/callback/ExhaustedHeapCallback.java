package epsilon.foreign.callback;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Run in a small JVM of its own by {@link CallbackExhaustionTest}: a callback fills the heap until not even a small
 * array fits and throws the {@link OutOfMemoryError} with the heap still full, so its guard must record the failure
 * without allocating. C (here a raw downcall to the callback's stub) gets the default result; then the heap is
 * freed and the Java caller rethrows. Prints
 *
 * <pre>
 * heap|result C got|class rethrown|its message|same instance as thrown inside|pending after
 * </pre>
 */
public final class ExhaustedHeapCallback {
    private static final MethodHandle CALL_INT_VOID = Linker.nativeLinker().downcallHandle(
            FunctionDescriptor.of(JAVA_INT));

    /** Everything the callback allocated, kept until the callback has returned to C. */
    private static Object hog;
    private static OutOfMemoryError thrownInside;

    private ExhaustedHeapCallback() {}

    public static void main(String[] args) throws Throwable {
        try (Callback exhausting = Callbacks.create(arguments -> {
            fillTheHeap();
            return 0;
        }, "int (*)(void)", CallbackOption.defaultResult(-1))) {
            int result = (int) CALL_INT_VOID.invokeExact(exhausting.pointer());
            hog = null; // the heap is free again only now
            String rethrown;
            try {
                CallbackFailures.rethrowIfPending();
                rethrown = "nothing|-|-";
            } catch (OutOfMemoryError failure) {
                rethrown = failure.getClass().getName() + "|" + failure.getMessage() + "|" + (failure == thrownInside);
            }
            System.out.println("heap|" + result + "|" + rethrown + "|"
                    + CallbackFailures.pending().map(Throwable::toString).orElse("none"));
        }
    }

    /** Allocates in smaller and smaller pieces until even a one-element array fails, and throws that failure. */
    private static void fillTheHeap() {
        for (int size = 1 << 16; size > 1; size >>= 2) {
            try {
                while (true) {
                    hog = new Object[] {hog, new long[size]};
                }
            } catch (OutOfMemoryError full) {
                // a smaller piece may still fit
            }
        }
        try {
            while (true) {
                hog = new Object[] {hog};
            }
        } catch (OutOfMemoryError full) {
            thrownInside = full;
            throw full;
        }
    }
}
