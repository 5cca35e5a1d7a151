package epsilon.foreign.startup;

import epsilon.foreign.Foreign;
import epsilon.foreign.marshalling.CType;
import java.util.List;

/**
 * The child program of {@link FirstCallClassesTest}: a program's first call of {@code labs} at every dynamic level,
 * each on a fresh name so that none is served by another's cache, then {@code strlen}, whose known prototype
 * names {@code size_t}. Prints {@code OK} and the six results.
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
        System.out.println("OK " + byTypes + " " + fast + " " + defined + " " + bound + " " + known + " " + sized);
    }
}
