package epsilon.foreign.marshalling.internal.pp;

import java.util.Set;

/**
 * The {@code __has_*} operators and what they answer. The answers describe this library's C front end, not a
 * compiler: {@code __has_attribute} is 1 for the attributes the declaration parser understands or knowingly skips,
 * {@code __has_builtin} for the builtins its built-in headers rely on; features, extensions and standard or C++
 * attributes are not claimed. Headers then take the paths they take for a compiler without them.
 */
final class BuiltinOperators {
    private BuiltinOperators() {}

    static final String HAS_INCLUDE = "__has_include";
    static final String HAS_INCLUDE_NEXT = "__has_include_next";

    private static final Set<String> OPERATORS = Set.of(HAS_INCLUDE, HAS_INCLUDE_NEXT, "__has_attribute",
            "__has_builtin", "__has_feature", "__has_extension", "__has_c_attribute", "__has_cpp_attribute");

    /** The attributes {@code __has_attribute} reports, without leading and trailing {@code __}. */
    static final Set<String> ATTRIBUTES = Set.of("packed", "aligned", "nonnull", "deprecated", "unused", "used",
            "const", "pure", "noreturn", "nothrow", "malloc", "warn_unused_result", "visibility", "format",
            "format_arg", "alloc_size", "always_inline", "noinline", "cold", "hot", "sentinel", "may_alias", "mode",
            "access", "nonstring", "fallthrough", "returns_nonnull", "leaf", "artificial", "gnu_inline",
            "transparent_union", "vector_size");

    /** The builtins {@code __has_builtin} reports. */
    static final Set<String> BUILTINS = Set.of("__builtin_va_list", "__builtin_offsetof", "__builtin_va_arg",
            "__builtin_expect");

    /** Whether {@code name} is one of the {@code __has_*} operators (which {@code defined} reports as defined). */
    static boolean isOperator(String name) {
        return name.startsWith("__has_") && OPERATORS.contains(name);
    }

    /** The value of {@code operator(name)} for every operator but the {@code __has_include} ones. */
    static long answer(String operator, String scope, String name) {
        return switch (operator) {
            case "__has_attribute" -> (scope == null || scope.equals("gnu") || scope.equals("__gnu__"))
                    && ATTRIBUTES.contains(strip(name)) ? 1 : 0;
            case "__has_builtin" -> BUILTINS.contains(name) ? 1 : 0;
            default -> 0;
        };
    }

    /** {@code __packed__} is {@code packed}: GNU attributes may be spelled with double underscores around. */
    private static String strip(String name) {
        if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) {
            return name.substring(2, name.length() - 2);
        }
        return name;
    }
}
