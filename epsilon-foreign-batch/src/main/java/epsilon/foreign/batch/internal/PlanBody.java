package epsilon.foreign.batch.internal;

/** The executable part of a plan: every step in order, each failure handed to {@link Run#failed}. */
public interface PlanBody {

    /**
     * Runs one row.
     *
     * @param row the row's arguments, every step's in order, its length checked
     * @param run the run's state, started for this row
     */
    void run(Object[] row, Run run);
}
