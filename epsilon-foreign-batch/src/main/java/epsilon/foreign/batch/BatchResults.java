package epsilon.foreign.batch;

import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * The results of one run of a batch, in the order its calls were added. Each value has already left the run's
 * memory: strings are decoded, structs returned by value copied to the Java heap, so the results can be kept.
 *
 * <p>The typed accessors read without boxing where the call returned a signed integer or a floating type; each
 * refuses a call whose value is of another kind with a {@link epsilon.foreign.marshalling.ConversionError} naming
 * the call, and a call that failed (under {@link OnError#CONTINUE}) with a {@link BatchError} whose cause is its
 * failure.
 */
public interface BatchResults {

    /** {@return the number of calls} */
    int size();

    /**
     * The value of call {@code index} as {@code sharedCall} would return it.
     *
     * @param index the call's position, from 0
     * @return the Java value of its return type, boxed; {@code null} for {@code void}
     * @throws IndexOutOfBoundsException for an index outside the batch
     * @throws BatchError                when that call failed
     */
    Object get(int index);

    /**
     * The value of an integer call (any C integer type, {@code bool} as 0 or 1, a pointer as its address).
     *
     * @param index the call's position, from 0
     * @return the value, widened to {@code long} (unsigned types as their Java type holds them)
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value
     * @throws BatchError when that call failed
     */
    long getLong(int index);

    /**
     * The value of an integer call that fits an {@code int}.
     *
     * @param index the call's position, from 0
     * @return the value
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value, or one
     *         beyond {@code int}
     * @throws BatchError when that call failed
     */
    int getInt(int index);

    /**
     * The value of a {@code double} or {@code float} call.
     *
     * @param index the call's position, from 0
     * @return the value
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value
     * @throws BatchError when that call failed
     */
    double getDouble(int index);

    /**
     * The value of a {@code char *} call, decoded while the run's memory was alive.
     *
     * @param index the call's position, from 0
     * @return the text, or {@code null} for {@code NULL}
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value
     * @throws BatchError when that call failed
     */
    String getString(int index);

    /**
     * The value of a pointer call, which never points into the run's temporary memory (such a call fails).
     *
     * @param index the call's position, from 0
     * @return the pointer, {@link MemorySegment#NULL} for {@code NULL}
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value
     * @throws BatchError when that call failed
     */
    MemorySegment getSegment(int index);

    /**
     * The value of a call returning a struct by value (a view of a heap copy) or a {@code struct T *} with T known
     * (a view of C's memory).
     *
     * @param index the call's position, from 0
     * @return the view, or {@code null} for a {@code NULL} pointer
     * @throws epsilon.foreign.marshalling.ConversionError when the call returns another kind of value
     * @throws BatchError when that call failed
     */
    StructView getStruct(int index);

    /**
     * The {@code errno} right after call {@code index}, when errno was captured: the batch was made with
     * {@code captureErrno()}, or the function declared {@code CallOption.errno}. C leaves errno alone on success,
     * so it means something only when the value says the call failed.
     *
     * @param index the call's position, from 0
     * @return the errno value
     * @throws IllegalStateException when errno was not captured for this batch
     */
    int errno(int index);

    /**
     * The failure of call {@code index} in a run with {@link OnError#CONTINUE}.
     *
     * @param index the call's position, from 0
     * @return the failure, or empty when the call ran to the end
     */
    Optional<ForeignError> failure(int index);

    /** {@return the indices of the calls that failed, in order; empty when every call ran to the end} */
    List<Integer> failed();
}
