package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.CallbackFunction;
import epsilon.foreign.callback.CallbackOption;
import epsilon.foreign.callback.CallbackScope;
import epsilon.foreign.marshalling.CPrototype;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A group of callbacks whose stubs live in one shared arena. */
public final class Scope implements CallbackScope {
    private final Arena arena = Arena.ofShared();
    private final Set<CallbackImpl> members = new LinkedHashSet<>();
    private boolean open = true;

    /** The arena new members allocate their stubs in; fails once the scope is closed. */
    synchronized Arena arenaFor(String what) {
        if (!open) {
            throw new CallbackClosedError("this CallbackScope is closed: cannot make " + what + " in it");
        }
        return arena;
    }

    synchronized void join(CallbackImpl callback) {
        members.add(callback);
    }

    synchronized void forget(CallbackImpl callback) {
        members.remove(callback);
    }

    @Override
    public Callback create(CallbackFunction function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.dynamic(this, function, signature, options);
    }

    @Override
    public Callback create(CallbackFunction function, String signature, CallbackOption... options) {
        return create(function, Signatures.parse(signature), options);
    }

    @Override
    public <T> Callback of(Class<T> type, T function, CPrototype signature, CallbackOption... options) {
        return CallbackFactory.typed(this, type, function, signature, options);
    }

    @Override
    public <T> Callback of(Class<T> type, T function, String signature, CallbackOption... options) {
        return of(type, function, Signatures.parse(signature), options);
    }

    @Override
    public synchronized List<Callback> callbacks() {
        return List.copyOf(members);
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /**
     * Frees every member's stub at once. Refused, changing nothing, while a native call is using one of them (the
     * JDK keeps the arena acquired for the call): the scope and its members stay open, to be closed after it.
     * Members are marked closed only once their memory is gone; a pointer taken just before is refused by the JDK
     * if passed to C afterwards, since its arena is closed.
     */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        try {
            arena.close();
        } catch (IllegalStateException inUse) {
            throw new CallbackClosedError("cannot close this CallbackScope of " + members.size() + " callbacks: a"
                    + " native call is using one of them; close it after that call returns");
        }
        open = false;
        List<CallbackImpl> closing = new ArrayList<>(members);
        members.clear();
        closing.forEach(CallbackImpl::closeWithScope);
    }

    /**
     * Runs the making of a member under this scope's lock, so that the scope cannot close between handing out its
     * arena and taking the new member in.
     */
    synchronized <T> T making(java.util.function.Supplier<T> maker) {
        return maker.get();
    }
}
