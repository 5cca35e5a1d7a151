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
    /**
     * {@return the live callback with this id, or empty if none has it (never made, or closed)}
     *
     * @param id as {@link Callback#id()} gives it
     */
    Optional<Callback> byId(long id);

    /**
     * {@return the live callback registered under this name, or empty if none is}
     *
     * @param name as given to {@link CallbackOption#name(String)} or {@link Callbacks#register}; not {@code null}
     */
    Optional<Callback> byName(String name);

    /**
     * {@return the live callback whose function pointer has this address, or empty if none has} A member of a
     * {@link CallbackScope} closed early is not found, though its stub stays callable until the scope closes.
     *
     * @param pointer the pointer C passed back to Java; only its address counts; not {@code null}
     */
    Optional<Callback> byAddress(MemorySegment pointer);

    /** {@return an unmodifiable snapshot of the live callbacks, in the order of their ids (oldest first)} */
    List<Callback> list();

    /** {@return how many callbacks are alive now} */
    int liveCount();

    /**
     * {@return how many ids were handed out since the JVM started: every callback made, and every creation that
     * failed after drawing one (a name already taken, a signature the JDK refused)}
     */
    long createdCount();

    /**
     * Closes the live callback with this name, which also removes it (a member of a {@link CallbackScope} is closed
     * early: its stub is freed with the scope).
     *
     * @param name as given to {@link CallbackOption#name(String)} or {@link Callbacks#register}; not {@code null}
     * @throws CallbackRegistryError if no live callback has this name
     * @throws CallbackClosedError if a native call that was passed its pointer has not returned yet
     *         (see {@link Callback#close()})
     */
    void unregister(String name);
}
