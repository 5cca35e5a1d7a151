package epsilon.foreign.trampoline.internal;

import epsilon.foreign.trampoline.Trampoline;
import epsilon.foreign.trampoline.TrampolineStatistics;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Trampolines by shape. A miss compiles inside {@code computeIfAbsent}, which locks only that key's bin:
 * two threads asking for one new shape compile it once, while other shapes are served meanwhile.
 * Compilation never asks the cache for another shape, so it cannot recurse into the map.
 */
public final class TrampolineCache {
    /** {@code -Depsilon.trampoline.mode=combinators} selects the method-handle path; the default is generated. */
    public static final String MODE = System.getProperty("epsilon.trampoline.mode", "specialized");
    private static final boolean SPECIALIZED = !"combinators".equals(MODE);
    private static final TrampolineCache GLOBAL = new TrampolineCache(SPECIALIZED);

    private final ConcurrentHashMap<ShapeKey, CompiledTrampoline> trampolines = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final boolean specialized;

    TrampolineCache(boolean specialized) {
        this.specialized = specialized;
    }

    public static TrampolineCache global() {
        return GLOBAL;
    }

    public Trampoline get(FunctionDescriptor descriptor, Linker.Option... options) {
        ShapeKey key = ShapeKey.of(descriptor, options);
        CompiledTrampoline found = trampolines.get(key);
        if (found != null) {
            hits.increment();
            return found;
        }
        return link(key);
    }

    /** A lock rather than computeIfAbsent's lambda, which a program's first call would spin a class for. */
    private synchronized Trampoline link(ShapeKey key) {
        CompiledTrampoline found = trampolines.get(key);
        if (found != null) {
            hits.increment();
            return found;
        }
        CompiledTrampoline fresh = new CompiledTrampoline(key, specialized);
        trampolines.put(key, fresh);
        misses.increment();
        return fresh;
    }

    public TrampolineStatistics statistics() {
        return new TrampolineStatistics(hits.sum(), misses.sum(), trampolines.size(),
                specialized ? "specialized" : "combinators");
    }

    public void clear() {
        trampolines.clear();
        hits.reset();
        misses.reset();
    }
}
