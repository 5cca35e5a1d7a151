package epsilon.benchmarks.report;

import java.util.Optional;

/**
 * One line of the report: a measurement with its ratio to the group's baseline and its verdicts.
 *
 * @param measurement the medians and spread
 * @param baseline    the method the ratio is against, or null when the group has none
 * @param ratio       median / baseline median, or NaN without a baseline
 * @param target      the target that applies, if any
 * @param beatsJnr    for an Epsilon row: whether its ratio is below the matching JNR-FFI row's; empty otherwise
 * @param targetRatio the ratio the target is checked on: {@code ratio}, or the ratio to the target's {@code versus}
 *                    row (NaN when that row was not measured, which fails the target)
 */
record Row(Measurement measurement, String baseline, double ratio, Optional<Target> target, Optional<Boolean> beatsJnr,
           double targetRatio) {

    boolean meetsTarget() {
        return target.map(t -> targetRatio <= t.maxRatio()).orElse(true);
    }
}
