package epsilon.foreign.batch.internal;

import epsilon.foreign.batch.BatchError;
import epsilon.foreign.batch.BatchResults;
import epsilon.foreign.marshalling.ConversionError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one row: signed integers and floating values as raw {@code long} words, everything else as the
 * object marshalling converted it to.
 */
final class RunResults implements BatchResults {
    private final CompiledPlan plan;
    private final long[] words;
    private final Object[] objects;
    private final int[] errnos;
    private final ForeignError[] failures;
    /** How many calls ran (the failed one included); the ones after a stop did not. */
    private final int ran;

    RunResults(CompiledPlan plan, long[] words, Object[] objects, int[] errnos, ForeignError[] failures, int ran) {
        this.ran = ran;
        this.plan = plan;
        this.words = words;
        this.objects = objects;
        this.errnos = errnos;
        this.failures = failures;
    }

    @Override
    public int size() {
        return words.length;
    }

    private StepInfo step(int index) {
        Objects.checkIndex(index, words.length);
        if (index >= ran) {
            String name = plan.function(index).name();
            throw new BatchError("call " + index + " (" + name + ") did not run: the run stopped at call " + (ran - 1),
                    name, index, ran - 1, -1, null);
        }
        if (failures != null && failures[index] != null) {
            ForeignError failure = failures[index];
            throw new BatchError("call " + index + " (" + plan.function(index).name() + ") failed, so it has no value: "
                    + failure.getMessage(), plan.function(index).name(), index, index - failedBefore(index), -1,
                    failure);
        }
        return plan.step(index);
    }

    private int failedBefore(int index) {
        int count = 0;
        for (int i = 0; i < index; i++) {
            count += failures[i] != null ? 1 : 0;
        }
        return count;
    }

    @Override
    public Object get(int index) {
        StepInfo step = step(index);
        return switch (step.result()) {
            case VOID -> null;
            case WORD -> switch (step.returnType().carrier().getName()) {
                case "int" -> (int) words[index];
                case "short" -> (short) words[index];
                case "byte" -> (byte) words[index];
                default -> words[index];
            };
            case DOUBLE -> step.returnType().carrier() == float.class ? (float) Double.longBitsToDouble(words[index])
                    : Double.longBitsToDouble(words[index]);
            case OBJECT -> objects[index];
        };
    }

    @Override
    public long getLong(int index) {
        StepInfo step = step(index);
        if (step.result() == StepInfo.ResultKind.WORD) {
            return words[index];
        }
        return switch (objects[index]) {
            case Long l when step.result() == StepInfo.ResultKind.OBJECT -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case Character c -> c;
            case Boolean b -> b ? 1 : 0;
            case MemorySegment pointer -> pointer.address();
            case null, default -> throw wrongKind(step, "long");
        };
    }

    @Override
    public int getInt(int index) {
        long value = getLong(index);
        if (value != (int) value) {
            StepInfo step = plan.step(index);
            throw new ConversionError("call " + index + " (" + step.function() + ") returned " + value
                    + ", beyond int: use getLong", step.function(), null);
        }
        return (int) value;
    }

    @Override
    public double getDouble(int index) {
        StepInfo step = step(index);
        if (step.result() == StepInfo.ResultKind.DOUBLE) {
            return Double.longBitsToDouble(words[index]);
        }
        throw wrongKind(step, "double");
    }

    @Override
    public String getString(int index) {
        StepInfo step = step(index);
        if (step.result() == StepInfo.ResultKind.OBJECT && (objects[index] instanceof String
                || objects[index] == null && step.returnType().kind() == epsilon.foreign.marshalling.CType.Kind.STRING)) {
            return (String) objects[index];
        }
        throw wrongKind(step, "String");
    }

    @Override
    public MemorySegment getSegment(int index) {
        StepInfo step = step(index);
        if (objects[index] instanceof MemorySegment pointer) {
            return pointer;
        }
        throw wrongKind(step, "MemorySegment");
    }

    @Override
    public StructView getStruct(int index) {
        StepInfo step = step(index);
        if (objects[index] instanceof StructView view) {
            return view;
        }
        if (objects[index] == null && step.pointedStruct() != null) {
            return null;
        }
        throw wrongKind(step, "StructView");
    }

    @Override
    public int errno(int index) {
        Objects.checkIndex(index, words.length);
        if (errnos == null) {
            throw new IllegalStateException("errno was not captured: make the batch with captureErrno(), or declare"
                    + " the function with CallOption.errno");
        }
        return errnos[index];
    }

    @Override
    public Optional<ForeignError> failure(int index) {
        Objects.checkIndex(index, words.length);
        return failures == null ? Optional.empty() : Optional.ofNullable(failures[index]);
    }

    @Override
    public List<Integer> failed() {
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; failures != null && i < failures.length; i++) {
            if (failures[i] != null) {
                failed.add(i);
            }
        }
        return List.copyOf(failed);
    }

    private static ConversionError wrongKind(StepInfo step, String asked) {
        return new ConversionError("call " + step.index() + " (" + step.function() + ") returns "
                + step.returnType().name() + ", which is not read as a " + asked, step.function(), null);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("BatchResults[");
        for (int i = 0; i < words.length; i++) {
            text.append(i == 0 ? "" : ", ").append(plan.function(i).name()).append('=');
            text.append(i >= ran ? "not run" : failures != null && failures[i] != null ? "failed"
                    : String.valueOf(get(i)));
        }
        return text.append(']').toString();
    }
}
