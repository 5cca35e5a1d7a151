package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.Callback;
import epsilon.foreign.callback.CallbackRegistry;
import epsilon.foreign.callback.CallbackRegistryError;
import java.lang.foreign.MemorySegment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The live callbacks by id, stub address and name. */
public final class Registry implements CallbackRegistry {
    private static final Registry GLOBAL = new Registry();

    private final Map<Long, CallbackImpl> byId = new ConcurrentHashMap<>();
    private final Map<Long, CallbackImpl> byAddress = new ConcurrentHashMap<>();
    private final Map<String, CallbackImpl> byName = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public static Registry global() {
        return GLOBAL;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Takes {@code name} for {@code callback} before its stub exists, so a duplicate costs no stub. */
    void claimName(String name, CallbackImpl callback) {
        CallbackImpl holder = byName.putIfAbsent(name, callback);
        if (holder != null) {
            throw new CallbackRegistryError("the name '" + name + "' is taken by live " + holder.describe()
                    + ": close or unregister it first");
        }
    }

    void releaseName(String name, CallbackImpl callback) {
        byName.remove(name, callback);
    }

    void add(CallbackImpl callback) {
        byId.put(callback.id(), callback);
        byAddress.put(callback.address(), callback);
    }

    void remove(CallbackImpl callback) {
        byId.remove(callback.id(), callback);
        byAddress.remove(callback.address(), callback);
        callback.name().ifPresent(name -> byName.remove(name, callback));
    }

    @Override
    public Optional<Callback> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Callback> byName(String name) {
        return Optional.ofNullable(byName.get(name)).filter(CallbackImpl::isAlive).map(c -> c);
    }

    @Override
    public Optional<Callback> byAddress(MemorySegment pointer) {
        return Optional.ofNullable(byAddress.get(pointer.address()));
    }

    @Override
    public List<Callback> list() {
        return byId.values().stream().sorted(Comparator.comparingLong(CallbackImpl::id)).map(c -> (Callback) c)
                .toList();
    }

    @Override
    public int liveCount() {
        return byId.size();
    }

    @Override
    public long createdCount() {
        return ids.get();
    }

    @Override
    public void unregister(String name) {
        CallbackImpl callback = byName.get(name);
        if (callback == null || !callback.isAlive()) {
            throw new CallbackRegistryError("no live callback is named '" + name + "'");
        }
        callback.close();
    }
}
