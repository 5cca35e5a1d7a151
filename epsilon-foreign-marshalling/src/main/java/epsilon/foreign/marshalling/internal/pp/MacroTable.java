package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The macros in force during one run: the definitions in definition order, the dynamic built-ins
 * ({@code __LINE__} and the others, which {@code #undef} can remove), the names {@code #pragma GCC poison} forbade,
 * and the stacks of {@code #pragma push_macro}.
 */
final class MacroTable {
    /** Macros whose value the preprocessor computes at each use. */
    static final Set<String> DYNAMIC = Set.of("__FILE__", "__LINE__", "__COUNTER__", "__INCLUDE_LEVEL__",
            "__BASE_FILE__", "__DATE__", "__TIME__");

    private final LinkedHashMap<String, Macro> macros;
    private final Set<String> dynamic;
    private final Set<String> poisoned = new HashSet<>();
    private final Map<String, Deque<Optional<Macro>>> pushed = new HashMap<>();

    MacroTable() {
        this(new LinkedHashMap<>(), new HashSet<>(DYNAMIC));
    }

    private MacroTable(LinkedHashMap<String, Macro> macros, Set<String> dynamic) {
        this.macros = macros;
        this.dynamic = dynamic;
    }

    /** A table holding {@code definitions} (and the dynamic built-ins): what a finished unit expands with. */
    static MacroTable of(Map<String, Macro> definitions) {
        return new MacroTable(new LinkedHashMap<>(definitions), new HashSet<>(DYNAMIC));
    }

    Macro get(String name) {
        return macros.get(name);
    }

    /** Whether {@code name} is a dynamic built-in that has not been redefined or undefined. */
    boolean isDynamic(String name) {
        return dynamic.contains(name) && !macros.containsKey(name);
    }

    /** What {@code defined} answers: a macro, a dynamic built-in, or a {@code __has_*} operator. */
    boolean isDefined(String name) {
        return macros.containsKey(name) || dynamic.contains(name) || BuiltinOperators.isOperator(name);
    }

    /**
     * Defines {@code macro}; a different earlier definition is replaced (and moves to the end of the order) and
     * reported through the returned warning, an identical one is kept silently (C17 6.10.3p2).
     */
    Optional<String> define(Macro macro) {
        Macro old = macros.get(macro.name());
        if (old != null && old.sameDefinitionAs(macro)) {
            return Optional.empty();
        }
        if (old != null) {
            macros.remove(macro.name());
        }
        macros.put(macro.name(), macro);
        if (old == null) {
            return Optional.empty();
        }
        return Optional.of(macro.position() + ": warning: \"" + macro.name() + "\" redefined (previous definition at "
                + old.position() + ")");
    }

    void undefine(String name) {
        macros.remove(name);
        dynamic.remove(name);
    }

    void poison(String name) {
        poisoned.add(name);
    }

    boolean isPoisoned(String name) {
        return !poisoned.isEmpty() && poisoned.contains(name);
    }

    /** {@code #pragma push_macro("name")}: saves the current definition, or its absence. */
    void push(String name) {
        pushed.computeIfAbsent(name, k -> new ArrayDeque<>()).push(Optional.ofNullable(macros.get(name)));
    }

    /** {@code #pragma pop_macro("name")}: restores what the last push saved; nothing when none was pushed. */
    void pop(String name) {
        Deque<Optional<Macro>> stack = pushed.get(name);
        if (stack == null || stack.isEmpty()) {
            return;
        }
        Optional<Macro> saved = stack.pop();
        macros.remove(name);
        saved.ifPresent(m -> macros.put(name, m));
    }

    /** A copy of the definitions in definition order. */
    Map<String, Macro> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    }

    /** Where a user definition ({@code -D}) is said to be written, as gcc says. */
    static final SourcePosition COMMAND_LINE = new SourcePosition("<command-line>", 1, 1);
}
