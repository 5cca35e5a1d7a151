package epsilon.benchmarks.soak;

/** The operations of a stress worker, each counted per thread: attempted, ok, documented error, unexpected. */
enum StressOp {
    POOLED_CRC32("1 to 3 PooledArena segments (16 B to 64 KiB, and 70,000 B past the pool every 16th round), crc32"
            + " of each by the shared ForeignFunction of libz, compared with java.util.zip.CRC32"),
    ADLER32_BY_NAME("a pooled lease, adler32 by Foreign.sharedCall(prototype, \"z\"), compared with"
            + " java.util.zip.Adler32"),
    QSORT_BY_NAME("16 pooled ints sorted by Foreign.call(\"qsort\") through the one shared callback"),
    QSORT_BOUND("16 pooled ints sorted by a bound interface's qsort through the same shared callback"),
    STRLEN_BOUND("a bound interface's strlen(String), compared with the UTF-8 length"),
    LOOKUP("the shared Library's function(\"crc32\") is the address the ForeignFunction calls, and libOpen(\"z\")"
            + " returns that same Library"),
    HANDOFF("every 4th round: a lease filled and queued here, checked and released by whichever thread takes it"),
    CALLBACK_FAILURE("every 32nd round: qsort (by name or bound) of ints holding this thread's own marker, which the"
            + " shared comparator throws on: must end in CallbackError caused by that very marker"),
    MISUSE("every 64th round: a wrong argument count (ArityError), a null for strlen (NullArgumentError), a closed"
            + " callback (CallbackClosedError)"),
    CHURNED_LIBRARY("adler32 by name on \"libz.so.1\", which the closer thread closes and reopens: the right result,"
            + " or ClosedLibraryError (documented)");

    private final String description;

    StressOp(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
