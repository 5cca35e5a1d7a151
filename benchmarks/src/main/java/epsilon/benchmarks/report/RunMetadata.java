package epsilon.benchmarks.report;

import java.util.Map;

/**
 * What a JMH JSON file does not say about its run, written beside it by {@link RecordRun} as
 * {@code <id>.meta.json}.
 *
 * @param id           the run's name, also the start of both file names: {@code <date>-<label>}
 * @param date         when the run was recorded, ISO-8601 UTC
 * @param machine      the processor, core count and operating system
 * @param jdkVendor    the {@code IMPLEMENTOR} of the JDK the forks ran on (its {@code release} file)
 * @param jmhArguments the JMH options of the run, e.g. {@code -f 3 -wi 3 -w 1s -i 5 -r 1s}
 * @param include      the benchmark regex of the run
 * @param note         what the person who ran it wants a reader to know, or empty
 * @param peers        the versions of the other libraries measured (JNA, JNR-FFI) on the benchmark class path
 * @param floor        ns per call of the C program's function-pointer calls, by function ({@code labs}, ...),
 *                     only for functions the run benchmarked
 */
record RunMetadata(String id, String date, String machine, String jdkVendor, String jmhArguments, String include,
                   String note, Map<String, String> peers, Map<String, Double> floor) {}
