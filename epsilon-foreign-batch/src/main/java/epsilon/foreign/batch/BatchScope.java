package epsilon.foreign.batch;

import epsilon.foreign.Foreign;
import epsilon.foreign.ForeignFunction;
import epsilon.foreign.ForeignMemory;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FreedMemoryError;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A scope whose calls are queued and run together (Lisp {@code with-foreign-batch}): each {@code call} returns a
 * future that is completed with the call's value when the queue runs, at {@link #flush()} or at {@link #close()}.
 * Memory taken with {@link #allocate(long)} (Lisp {@code batch-allocate}) lives until the scope closes, or until
 * {@link #free(ForeignMemory)} (Lisp {@code batch-free}), so calls of the batch can share buffers.
 *
 * {@snippet :
 * CompletableFuture<Object> length;
 * CompletableFuture<Object> printed;
 * try (BatchScope scope = BatchScope.open()) {
 *     ForeignMemory buffer = scope.allocate(32);
 *     length = scope.call("size_t strlen(const char *s)", "c", "hello");
 *     printed = scope.call("int snprintf(char *s, size_t n, const char *format, ...)", "c",
 *             buffer, 32L, "%d", 42);
 * }                               // the calls run here, then the buffer is freed
 * long five = (long) length.join();
 * }
 *
 * <p>When a call fails, its future completes exceptionally with the {@link BatchError}, the futures of the calls
 * after it complete exceptionally with a {@code BatchError} saying they did not run, and {@code close} (or
 * {@code flush}) throws that first error, after freeing the scope's memory. A scope belongs to the thread that
 * opened it.
 */
public final class BatchScope implements AutoCloseable {
    private Batch batch = Batch.create();
    private final List<CompletableFuture<Object>> futures = new ArrayList<>();
    private final Set<ForeignMemory> memory = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private BatchScope() {}

    /** {@return a new scope with an empty queue} */
    public static BatchScope open() {
        return new BatchScope();
    }

    /**
     * Queues a call of the function a C prototype declares.
     *
     * @param prototype one C declaration
     * @param library   the library, as {@code Foreign.libOpen} takes it
     * @param arguments one Java value per parameter, then any variadic ones
     * @return the future of the call's value, completed when the queue runs
     * @throws epsilon.foreign.marshalling.ForeignError now, for a prototype or library that cannot be resolved or
     *         an argument count that does not match
     */
    public CompletableFuture<Object> call(String prototype, String library, Object... arguments) {
        checkOpen();
        batch.add(prototype, library, arguments);
        return queued();
    }

    /**
     * Queues a call of a function named with its C types.
     *
     * @param function       the C symbol
     * @param library        the library
     * @param returnType     the C return type
     * @param parameterTypes the C parameter types
     * @param arguments      one Java value per parameter
     * @return the future of the call's value, completed when the queue runs
     * @throws epsilon.foreign.marshalling.ForeignError now, when the function cannot be resolved
     */
    public CompletableFuture<Object> call(String function, String library, CType returnType, List<CType> parameterTypes,
                                          Object... arguments) {
        checkOpen();
        batch.add(function, library, returnType, parameterTypes, arguments);
        return queued();
    }

    /**
     * Queues a call of a resolved function.
     *
     * @param function  the function
     * @param arguments one Java value per parameter, then any variadic ones
     * @return the future of the call's value, completed when the queue runs
     * @throws epsilon.foreign.marshalling.ArityError now, when the argument count does not match
     */
    public CompletableFuture<Object> call(ForeignFunction function, Object... arguments) {
        checkOpen();
        batch.add(function, arguments);
        return queued();
    }

    private CompletableFuture<Object> queued() {
        CompletableFuture<Object> future = new CompletableFuture<>();
        futures.add(future);
        return future;
    }

    /**
     * Zeroed native memory that lives until the scope closes (Lisp {@code batch-allocate}).
     *
     * @param bytes the size, at least 1
     * @return the block; freed by {@link #free(ForeignMemory)} or when the scope closes
     * @throws epsilon.foreign.marshalling.AllocationError for a size below 1
     */
    public ForeignMemory allocate(long bytes) {
        checkOpen();
        ForeignMemory block = Foreign.foreignAlloc(bytes);
        memory.add(block);
        return block;
    }

    /**
     * {@code count} zeroed elements of {@code type} that live until the scope closes.
     *
     * @param type  a type with a size
     * @param count the number of elements, at least 1
     * @return the block; freed by {@link #free(ForeignMemory)} or when the scope closes
     * @throws epsilon.foreign.marshalling.AllocationError for a count below 1 or a type without a size
     */
    public ForeignMemory allocate(CType type, long count) {
        checkOpen();
        ForeignMemory block = Foreign.foreignAlloc(type, count);
        memory.add(block);
        return block;
    }

    /**
     * Frees memory of this scope now (Lisp {@code batch-free}), for a batch that is done with a buffer early. A
     * queued call still holding it then fails with {@code FreedMemoryError} when the queue runs.
     *
     * @param block memory from {@link #allocate(long)} of this scope
     * @throws FreedMemoryError when it was already freed, or is not this scope's
     */
    public void free(ForeignMemory block) {
        if (!memory.remove(Objects.requireNonNull(block, "block"))) {
            throw new FreedMemoryError("this memory is not allocated by this batch scope, or was already freed: "
                    + block, null);
        }
        block.free();
    }

    /** {@return the number of calls queued and not yet run} */
    public int pending() {
        return futures.size();
    }

    /**
     * Runs the queued calls now, completing their futures; the scope stays open with an empty queue.
     *
     * @return the results of the calls that were queued
     * @throws BatchError when a call failed (the futures say which)
     */
    public BatchResults flush() {
        checkOpen();
        return runQueued();
    }

    private BatchResults runQueued() {
        Batch queued = batch;
        List<CompletableFuture<Object>> waiting = List.copyOf(futures);
        batch = Batch.create();
        futures.clear();
        BatchResults results;
        try {
            results = queued.run();
        } catch (BatchError failed) {
            BatchResults partial = failed.partialResults().orElse(null);
            for (int i = 0; i < waiting.size(); i++) {
                if (i < failed.index() && partial != null) {
                    waiting.get(i).complete(partial.get(i));
                } else {
                    waiting.get(i).completeExceptionally(i == failed.index() ? failed : new BatchError("call " + i
                            + " did not run: call " + failed.index() + " of the batch failed first", null, i,
                            failed.completed(), -1, failed));
                }
            }
            throw failed;
        } catch (RuntimeException refused) { // the whole batch refused (a closed library): no call ran
            waiting.forEach(future -> future.completeExceptionally(refused));
            throw refused;
        }
        for (int i = 0; i < waiting.size(); i++) {
            waiting.get(i).complete(results.get(i));
        }
        return results;
    }

    /**
     * Runs the queued calls, completes their futures, and frees the scope's memory, whatever happens.
     *
     * @throws BatchError when a call failed, after the memory is freed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!futures.isEmpty()) {
                runQueued();
            }
        } finally {
            for (ForeignMemory block : memory) {
                block.free();
            }
            memory.clear();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this batch scope is closed");
        }
    }
}
