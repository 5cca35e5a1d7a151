package epsilon.foreign.batch.internal;

import epsilon.foreign.ErrnoPolicy;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;

/**
 * What one step does around its downcall, fixed when the plan is compiled. A record, so its fields are constants to
 * the JIT in the step's handle.
 *
 * @param index         the step's position in the plan
 * @param function      the C function's name
 * @param returnType    the declared return type
 * @param result        how the result is kept
 * @param errnoPolicy   the function's own errno policy, or {@code null}
 * @param capturesErrno whether errno is captured after the call (the function's option or the plan's)
 * @param mayCallBack   whether C may call Java during the call (a pointer or function pointer parameter, or
 *                      variadic): only then is a callback's failure looked for, and out-parameters copied back
 * @param pointedStruct the struct a {@code struct T *} result is a view of, or {@code null}
 */
record StepInfo(int index, String function, CType returnType, ResultKind result, ErrnoPolicy errnoPolicy,
                boolean capturesErrno, boolean mayCallBack, StructType pointedStruct) {

    /** How a step's result is kept in the run. */
    enum ResultKind {
        /** No result. */
        VOID,
        /** A signed integer whose carrier is its Java type: kept as a {@code long}. */
        WORD,
        /** {@code float} or {@code double}: kept as a {@code double}. */
        DOUBLE,
        /** Anything else, converted to its Java type by marshalling's rules and kept as an object. */
        OBJECT
    }
}
