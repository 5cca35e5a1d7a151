package epsilon.examples;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The load-order rules of DESIGN.md as a pure function over module descriptors, so that the same
 * checks run on the real build output and on hand-made bad graphs that prove each rule can fail: no cycles, no
 * {@code requires transitive}, independent modules on {@code java.base} only except struct and callback, which build
 * on marshalling (the one C vocabulary); core on independent modules; batch and optimize on core and independent
 * modules; no export of another module's package or of an internal package to everyone. Whether each
 * {@code requires} is used is {@link UnusedRequires}'s question, answered by jdeps.
 */
final class ModuleGraphRules {
    static final Set<String> INDEPENDENT = Set.of(
            "epsilon.foreign.trampoline", "epsilon.foreign.marshalling", "epsilon.foreign.struct",
            "epsilon.foreign.callback", "epsilon.foreign.inline", "epsilon.foreign.memorypool");
    /** The one C vocabulary: the independent modules that read C build on it, and only on it. */
    static final String MARSHALLING = "epsilon.foreign.marshalling";
    static final Set<String> ON_MARSHALLING = Set.of("epsilon.foreign.struct", "epsilon.foreign.callback");
    static final String CORE = "epsilon.foreign";
    static final Set<String> DEPENDENT = Set.of("epsilon.foreign.batch", "epsilon.foreign.optimize");
    /** Modules outside the project that a module may require besides java.base. */
    private static final Map<String, Set<String>> EXTRA_ALLOWED = Map.of(
            "epsilon.foreign.optimize", Set.of("java.compiler"));
    private static final String LOGGING = "org.slf4j";

    private ModuleGraphRules() {}

    /** Every rule violation found, one line each; empty when the graph is sound. */
    static List<String> violations(Collection<ModuleDescriptor> modules) {
        List<String> problems = new ArrayList<>();
        Map<String, ModuleDescriptor> byName = new TreeMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        for (ModuleDescriptor module : byName.values()) {
            for (ModuleDescriptor.Requires r : module.requires()) {
                if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)) {
                    problems.add(module.name() + " has 'requires transitive " + r.name() + "'");
                }
                if (!allowed(module.name(), r.name())) {
                    problems.add(module.name() + " requires " + r.name() + ", which DESIGN.md does not allow");
                }
            }
            for (ModuleDescriptor.Exports e : module.exports()) {
                if (!e.source().equals(module.name()) && !e.source().startsWith(module.name() + ".")) {
                    problems.add(module.name() + " exports " + e.source() + ", a package outside its own name");
                }
                if (e.source().contains("internal") && !e.isQualified()) {
                    problems.add(module.name() + " exports internal package " + e.source() + " to everyone");
                }
            }
        }
        findCycle(byName).ifPresent(cycle -> problems.add("cycle: " + String.join(" -> ", cycle)));
        return problems;
    }

    private static boolean allowed(String from, String to) {
        if (to.equals("java.base") || to.equals(LOGGING)) {
            return true;
        }
        if (INDEPENDENT.contains(from)) {
            return ON_MARSHALLING.contains(from) && to.equals(MARSHALLING);
        }
        if (from.equals(CORE)) {
            return INDEPENDENT.contains(to);
        }
        if (DEPENDENT.contains(from)) {
            return to.equals(CORE) || INDEPENDENT.contains(to)
                    || EXTRA_ALLOWED.getOrDefault(from, Set.of()).contains(to);
        }
        return false; // a module the table does not know
    }

    private static java.util.Optional<List<String>> findCycle(Map<String, ModuleDescriptor> byName) {
        Set<String> done = new HashSet<>();
        for (String start : byName.keySet()) {
            List<String> path = new ArrayList<>();
            java.util.Optional<List<String>> cycle = visit(start, byName, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<List<String>> visit(String name, Map<String, ModuleDescriptor> byName,
                                                          List<String> path, Set<String> done) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return java.util.Optional.of(cycle);
        }
        if (done.contains(name) || !byName.containsKey(name)) {
            return java.util.Optional.empty();
        }
        path.add(name);
        for (ModuleDescriptor.Requires r : byName.get(name).requires()) {
            java.util.Optional<List<String>> cycle = visit(r.name(), byName, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return java.util.Optional.empty();
    }
}
