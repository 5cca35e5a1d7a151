package epsilon.foreign.trampoline;

/**
 * A snapshot of the trampoline cache (Lisp Epsilon's trampoline statistics).
 *
 * @param hits           requests answered by an already compiled trampoline
 * @param misses         requests that compiled a new trampoline
 * @param compiledShapes trampolines in the cache now
 * @param mode           how trampolines are compiled: {@code specialized} (a generated hidden class per shape)
 *                       or {@code combinators} (method handle adapters only); see {@link Trampolines}
 */
public record TrampolineStatistics(long hits, long misses, int compiledShapes, String mode) {

    /** {@return {@code hits / (hits + misses)}, or 0 before any request} */
    public double hitRatio() {
        long total = hits + misses;
        return total == 0 ? 0.0 : (double) hits / total;
    }
}
