package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackClosedError;
import epsilon.foreign.callback.CallbackFailureHandler;
import epsilon.foreign.marshalling.CPrototype;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/** A live upcall stub with its registry identity; owns its arena unless it belongs to a {@link Scope}. */
final class CallbackImpl implements Callback {
    private final long id;
    private final String name;
    private final CPrototype signature;
    /** Read directly by {@link FailureRouter#failed}, which must not need a call. */
    final CallbackFailureHandler failureHandler;
    private final Arena ownArena;
    private final Scope scope;
    private MemorySegment stub;
    private volatile boolean alive = true;

    CallbackImpl(long id, String name, CPrototype signature, CallbackFailureHandler failureHandler,
            Arena ownArena, Scope scope) {
        this.id = id;
        this.name = name;
        this.signature = signature;
        this.failureHandler = failureHandler;
        this.ownArena = ownArena;
        this.scope = scope;
    }

    /** Set once, before the callback is published to the registry. */
    void attach(MemorySegment stub) {
        this.stub = stub;
    }

    @Override
    public MemorySegment pointer() {
        if (!alive) {
            throw closed("pointer()");
        }
        return stub;
    }

    /** The stub's address even after close, for the registry's bookkeeping. */
    long address() {
        return stub.address();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public CPrototype signature() {
        return signature;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public Object call(Object... arguments) {
        if (!alive) {
            throw closed("call(...)");
        }
        Object result = SelfCall.call(this, arguments);
        FailureRouter.rethrowIfPending();
        return result;
    }

    @Override
    public synchronized void close() {
        if (!alive) {
            return;
        }
        if (ownArena != null) {
            try {
                ownArena.close();
            } catch (IllegalStateException inUse) {
                throw new CallbackClosedError("cannot close " + describe()
                        + ": a native call is using its pointer (on another thread, or the call this callback runs in);"
                        + " close it after that call returns");
            }
        }
        alive = false;
        Registry.global().remove(this);
        if (scope != null) {
            scope.forget(this);
        }
    }

    /** Closes a member of a scope that is freeing all its stubs at once. */
    synchronized void closeWithScope() {
        if (alive) {
            alive = false;
            Registry.global().remove(this);
        }
    }

    String describe() {
        return "callback #" + id + (name == null ? "" : " '" + name + "'") + " " + Signatures.describe(signature);
    }

    private CallbackClosedError closed(String what) {
        return new CallbackClosedError(describe() + " is closed: " + what + " after close() is a use after free");
    }

    @Override
    public String toString() {
        return describe() + (alive ? " at 0x" + Long.toHexString(stub.address()) : " (closed)");
    }
}
