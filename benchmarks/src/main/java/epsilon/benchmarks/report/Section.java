package epsilon.benchmarks.report;

import java.util.List;

/**
 * One benchmark group of the report, taken whole from one run: its ratios compare methods measured side by side.
 *
 * @param group      the class's simple name and parameters, e.g. {@code MemoryPoolBenchmark size=256}
 * @param run        the newest run that measured the group
 * @param rows       the group's rows, in JMH's order (the C floor, where the run has one, last)
 * @param superseded older runs that measured the group too, oldest first; their figures are not shown
 */
record Section(String group, Run run, List<Row> rows, List<String> superseded) {}
