package epsilon.foreign.callback;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * Every live callback, by id, by address and by name (Lisp {@code list-callbacks}, {@code get-callback},
 * {@code unregister-callback}). A callback enters when made and leaves when closed. Thread-safe.
 *
 * {@snippet :
 * Callbacks.register("on-event", args -> { events.add(args[0]); return null; }, "void (*)(int)");
 * Callback handler = Callbacks.registry().byName("on-event").orElseThrow();
 * Callbacks.registry().liveCount();          // 1
 * Callbacks.registry().unregister("on-event"); // closes it
 * }
 */
public interface CallbackRegistry {
    /** The live callback with this id. */
    Optional<Callback> byId(long id);

    /** The live callback registered under this name. */
    Optional<Callback> byName(String name);

    /** The live callback whose function pointer has this address (the pointer C passed back to Java). */
    Optional<Callback> byAddress(MemorySegment pointer);

    /** A snapshot of the live callbacks, oldest first. */
    List<Callback> list();

    /** How many callbacks are alive now. */
    int liveCount();

    /** How many callbacks were made since the JVM started. */
    long createdCount();

    /**
     * Closes and removes the live callback with this name.
     *
     * @throws CallbackRegistryError if no live callback has this name
     */
    void unregister(String name);
}
