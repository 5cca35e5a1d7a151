package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names a translation unit declares, in C's name spaces: ordinary identifiers (typedef names, functions,
 * variables, enum constants) and tags ({@code struct}, {@code union}, {@code enum}). A scope may have a parent
 * that it falls back to for lookups (the platform's built-in typedefs, the names registered with
 * {@code CType.define}); declarations always go into this scope, so a header may redeclare a built-in name. Maps
 * keep declaration order, so results list names as the header does.
 */
public final class Scope {
    /** What a name can be looked up as, from the parser's side. */
    public interface Lookup {
        /** The type a typedef name stands for, or {@code null}. */
        CType typedef(String name);

        /** The type a tag stands for ({@code "struct tm"}, {@code "enum color"}), or {@code null}. */
        CType tag(String taggedName);
    }

    private final Lookup parent;
    private final Map<String, CType> typedefs = new LinkedHashMap<>();
    private final Map<String, CType> tags = new LinkedHashMap<>();
    private final Map<String, CPrototype> functions = new LinkedHashMap<>();
    private final Map<String, CType> variables = new LinkedHashMap<>();
    private final Map<String, Constant> enumConstants = new LinkedHashMap<>();
    private final Map<String, String> deprecations = new LinkedHashMap<>();
    private final Map<String, String> origins = new java.util.HashMap<>();

    /** @param parent where lookups go when this scope has no such name; {@code null} for none */
    public Scope(Lookup parent) {
        this.parent = parent;
    }

    /** The type of a typedef name, here or in the parent, or {@code null}. */
    public CType typedef(String name) {
        CType own = typedefs.get(name);
        return own != null || parent == null ? own : parent.typedef(name);
    }

    /** Whether {@code name} is declared as something other than a typedef in this scope (it hides a parent's typedef). */
    public boolean isOrdinaryIdentifier(String name) {
        return functions.containsKey(name) || variables.containsKey(name) || enumConstants.containsKey(name);
    }

    /** The type of a tag ({@code "struct tm"}), here or in the parent, or {@code null}. */
    public CType tag(String taggedName) {
        CType own = tags.get(taggedName);
        return own != null || parent == null ? own : parent.tag(taggedName);
    }

    /** The tag of this scope only: a definition in a header completes the header's own declaration. */
    public CType ownTag(String taggedName) {
        return tags.get(taggedName);
    }

    public CType ownTypedef(String name) {
        return typedefs.get(name);
    }

    void defineTypedef(String name, CType type) {
        typedefs.put(name, type);
    }

    void defineTag(String taggedName, CType type) {
        tags.put(taggedName, type);
    }

    void defineFunction(CPrototype prototype) {
        functions.put(prototype.name(), prototype);
    }

    void defineVariable(String name, CType type) {
        variables.put(name, type);
    }

    void defineEnumConstant(String name, Constant value) {
        enumConstants.put(name, value);
    }

    /** Records the file that declared {@code name} first (a function, variable, typedef or tagged name). */
    void declaredIn(String name, String source) {
        origins.putIfAbsent(name, source);
    }

    /** The file that declared {@code name}, or {@code null}. */
    public String origin(String name) {
        return origins.get(name);
    }

    void deprecate(String name, String message) {
        deprecations.put(name, message);
    }

    /** An enum constant of this scope, or {@code null}. */
    public Constant enumConstant(String name) {
        return enumConstants.get(name);
    }

    public CType variable(String name) {
        return variables.get(name);
    }

    public CPrototype function(String name) {
        return functions.get(name);
    }

    public Map<String, CType> typedefs() {
        return Collections.unmodifiableMap(typedefs);
    }

    public Map<String, CType> tags() {
        return Collections.unmodifiableMap(tags);
    }

    public Map<String, CPrototype> functions() {
        return Collections.unmodifiableMap(functions);
    }

    public Map<String, CType> variables() {
        return Collections.unmodifiableMap(variables);
    }

    public Map<String, Constant> enumConstants() {
        return Collections.unmodifiableMap(enumConstants);
    }

    /** Functions and variables declared {@code deprecated}, with the attribute's message (possibly empty). */
    public Map<String, String> deprecations() {
        return Collections.unmodifiableMap(deprecations);
    }

    /** Every struct and union of this scope by tag, complete or not. */
    public Map<String, StructType> structs() {
        Map<String, StructType> structs = new LinkedHashMap<>();
        tags.forEach((name, type) -> {
            if (type instanceof StructType struct) {
                structs.put(name, struct);
            }
        });
        return structs;
    }
}
