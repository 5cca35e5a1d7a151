package epsilon.foreign.startup;

import epsilon.foreign.Foreign;
import epsilon.foreign.marshalling.CType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The child program of {@link FirstCallClassesTest}: a program's first call of {@code labs} at every dynamic level,
 * each on a fresh name so that none is served by another's cache, then {@code strlen}, whose known prototype
 * names {@code size_t}, then {@code memset}, whose {@code void *} could carry a callback. Prints {@code OK} and the seven
 * results.
 */
public final class FirstCalls {
    /** For {@code Foreign.bind}. */
    public interface Labs {
        long labs(long value);
    }

    private FirstCalls() {}

    public static void main(String[] args) {
        Object byTypes = Foreign.sharedCall("labs", "c", CType.LONG, List.of(CType.LONG), -1L);
        Object fast = Foreign.sharedCallFast("labs", "c", CType.LONG, List.of(CType.LONG), -2L);
        Object defined = Foreign.defshared("long labs(long j)", "c").invoke(-3L);
        long bound = Foreign.bind(Labs.class, "c").labs(-4L);
        Object known = Foreign.call("labs", -5L);
        Object sized = Foreign.call("strlen", "sixsix"); // size_t: a built-in typedef
        // a void * parameter could carry a callback; none was ever made, so nothing about callbacks is loaded
        MemorySegment seven = Arena.global().allocate(7);
        Object pointed = Foreign.defshared("void *memset(void *s, int c, size_t n)", "c").invoke(seven, 1, 7L);
        long set = seven.get(ValueLayout.JAVA_BYTE, 6) + (pointed.equals(seven) ? 6 : 0);
        System.out.println("OK " + byTypes + " " + fast + " " + defined + " " + bound + " " + known + " " + sized
                + " " + set);
    }
}
