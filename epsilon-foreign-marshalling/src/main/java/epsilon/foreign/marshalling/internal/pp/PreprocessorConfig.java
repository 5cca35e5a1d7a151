package epsilon.foreign.marshalling.internal.pp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Preprocessor} (or {@link ExternalPreprocessor}) is told, as a C compiler's command line would
 * tell it. Immutable; {@link #host()} gives the running platform's defaults and {@link #builder()} starts from
 * them.
 *
 * <p>Header search, as gcc does it: {@code #include "x.h"} looks in the including file's directory, then the
 * quote directories, then the include directories, the system directories and last the library's built-in
 * freestanding headers; {@code #include <x.h>} starts at the include directories.
 *
 * @param quoteDirectories   {@code -iquote} directories, searched for {@code "..."} includes only
 * @param includeDirectories {@code -I} directories, searched for both forms
 * @param systemDirectories  the platform's header directories, after the {@code -I} ones
 * @param builtInHeaders     whether the library's own {@code stddef.h}, {@code stdarg.h}, {@code limits.h} and the
 *                           other freestanding headers are searched after everything else
 * @param userMacros         {@code -D} and {@code -U} options, applied in order after the predefined macros
 * @param predefinedMacros   the platform's predefined macros, each what would follow {@code #define}
 *                           ({@code __LP64__ 1}, {@code __INT64_C(c) c ## L})
 * @param limits             the bounds that make hostile input fail rather than exhaust the machine
 */
public record PreprocessorConfig(List<Path> quoteDirectories, List<Path> includeDirectories,
        List<Path> systemDirectories, boolean builtInHeaders, List<MacroOption> userMacros,
        List<String> predefinedMacros, Limits limits) {

    /** Copies the lists, so that the configuration stays immutable. */
    public PreprocessorConfig {
        quoteDirectories = List.copyOf(quoteDirectories);
        includeDirectories = List.copyOf(includeDirectories);
        systemDirectories = List.copyOf(systemDirectories);
        userMacros = List.copyOf(userMacros);
        predefinedMacros = List.copyOf(predefinedMacros);
        Objects.requireNonNull(limits, "limits");
    }

    /** The running platform: its predefined macros and system header directories, no user options. */
    public static PreprocessorConfig host() {
        return new PreprocessorConfig(List.of(), List.of(), PlatformMacros.hostSystemDirectories(), true, List.of(),
                PlatformMacros.host(), Limits.DEFAULTS);
    }

    /** A builder starting from {@link #host()}. */
    public static Builder builder() {
        return host().toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A {@code -D NAME}, {@code -D NAME=VALUE} or {@code -U NAME} option.
     *
     * @param name  the macro's name, with a parameter list for a function-like one ({@code f(x)})
     * @param value the replacement text, or null for {@code -U}
     */
    public record MacroOption(String name, String value) {
        /** Requires a name; a null value means {@code -U}. */
        public MacroOption {
            Objects.requireNonNull(name, "name");
        }

        /** {@code -D name}: defines {@code name} as {@code 1}, as compilers do. */
        public static MacroOption define(String name) {
            return new MacroOption(name, "1");
        }

        /** {@code -D name=value}. */
        public static MacroOption define(String name, String value) {
            return new MacroOption(name, Objects.requireNonNull(value, "value"));
        }

        /** {@code -U name}. */
        public static MacroOption undefine(String name) {
            return new MacroOption(name, null);
        }

        /** Whether this is {@code -U}. */
        public boolean isUndefine() {
            return value == null;
        }

        /** The option as a compiler's command line spells it: {@code -DX=1}, {@code -UX}. */
        public String commandLine() {
            return value == null ? "-U" + name : "-D" + name + "=" + value;
        }
    }

    /**
     * The limits on what one run may do; each exceeded one is a ParseError naming it.
     *
     * @param maxIncludeDepth     how deeply {@code #include} may nest (gcc's is 200)
     * @param maxConditionalDepth how deeply {@code #if} groups may nest
     * @param maxExpressionDepth  how deeply parentheses may nest in an {@code #if} expression
     * @param maxMacroNesting     how deeply macro invocations may nest inside macro arguments (each level is
     *                            expanded before substitution, C17 6.10.3.1)
     * @param maxFileSize         the largest file (in bytes) or text (in chars) read
     * @param maxExpansionTokens  how many tokens macro expansion may produce in one run, in all
     * @param maxIncludes         how many files one run may read, in all (a file including itself twice would
     *                            otherwise read 2<sup>200</sup> files)
     */
    public record Limits(int maxIncludeDepth, int maxConditionalDepth, int maxExpressionDepth, int maxMacroNesting,
            long maxFileSize, long maxExpansionTokens, int maxIncludes) {
        /**
         * 200 includes deep (gcc's), 4096 {@code #if} groups and parentheses deep, 256 macro levels, 64 MiB a file,
         * 1 000 000 expansion tokens (the largest headers tried, OpenSSL's {@code evp.h} with everything it
         * includes, need under 50 000), 100 000 files read.
         */
        public static final Limits DEFAULTS = new Limits(200, 4096, 4096, 256, 64L << 20, 1_000_000, 100_000);

        /** Requires every limit to be positive: a zero limit would refuse every input. */
        public Limits {
            if (maxIncludeDepth < 1 || maxConditionalDepth < 1 || maxExpressionDepth < 1 || maxMacroNesting < 1
                    || maxFileSize < 1 || maxExpansionTokens < 1 || maxIncludes < 1) {
                throw new IllegalArgumentException("every limit must be positive: " + this);
            }
        }

        /** These limits with another include depth. */
        public Limits withMaxIncludeDepth(int value) {
            return new Limits(value, maxConditionalDepth, maxExpressionDepth, maxMacroNesting, maxFileSize,
                    maxExpansionTokens, maxIncludes);
        }

        /** These limits with another {@code #if} nesting depth. */
        public Limits withMaxConditionalDepth(int value) {
            return new Limits(maxIncludeDepth, value, maxExpressionDepth, maxMacroNesting, maxFileSize,
                    maxExpansionTokens, maxIncludes);
        }

        /** These limits with another expression nesting depth. */
        public Limits withMaxExpressionDepth(int value) {
            return new Limits(maxIncludeDepth, maxConditionalDepth, value, maxMacroNesting, maxFileSize,
                    maxExpansionTokens, maxIncludes);
        }

        /** These limits with another macro nesting depth. */
        public Limits withMaxMacroNesting(int value) {
            return new Limits(maxIncludeDepth, maxConditionalDepth, maxExpressionDepth, value, maxFileSize,
                    maxExpansionTokens, maxIncludes);
        }

        /** These limits with another largest file size. */
        public Limits withMaxFileSize(long value) {
            return new Limits(maxIncludeDepth, maxConditionalDepth, maxExpressionDepth, maxMacroNesting, value,
                    maxExpansionTokens, maxIncludes);
        }

        /** These limits with another expansion token budget. */
        public Limits withMaxExpansionTokens(long value) {
            return new Limits(maxIncludeDepth, maxConditionalDepth, maxExpressionDepth, maxMacroNesting,
                    maxFileSize, value, maxIncludes);
        }

        /** These limits with another number of files a run may read. */
        public Limits withMaxIncludes(int value) {
            return new Limits(maxIncludeDepth, maxConditionalDepth, maxExpressionDepth, maxMacroNesting,
                    maxFileSize, maxExpansionTokens, value);
        }
    }

    /** Collects options; {@link #build()} makes the immutable configuration. */
    public static final class Builder {
        private final List<Path> quote;
        private final List<Path> include;
        private List<Path> system;
        private boolean builtIn;
        private final List<MacroOption> user;
        private List<String> predefined;
        private Limits limits;

        private Builder(PreprocessorConfig from) {
            quote = new ArrayList<>(from.quoteDirectories);
            include = new ArrayList<>(from.includeDirectories);
            system = new ArrayList<>(from.systemDirectories);
            builtIn = from.builtInHeaders;
            user = new ArrayList<>(from.userMacros);
            predefined = from.predefinedMacros;
            limits = from.limits;
        }

        /** Adds an {@code -iquote} directory. */
        public Builder quoteDirectory(Path directory) {
            quote.add(Objects.requireNonNull(directory));
            return this;
        }

        /** Adds an {@code -I} directory. */
        public Builder includeDirectory(Path directory) {
            include.add(Objects.requireNonNull(directory));
            return this;
        }

        /** Replaces the system directories (an empty list searches none, like {@code -nostdinc}). */
        public Builder systemDirectories(List<Path> directories) {
            system = new ArrayList<>(directories);
            return this;
        }

        /** Whether the built-in freestanding headers are searched last. */
        public Builder builtInHeaders(boolean searched) {
            builtIn = searched;
            return this;
        }

        /** {@code -D name} (defined as 1). */
        public Builder define(String name) {
            user.add(MacroOption.define(name));
            return this;
        }

        /** {@code -D name=value}. */
        public Builder define(String name, String value) {
            user.add(MacroOption.define(name, value));
            return this;
        }

        /** {@code -U name}. */
        public Builder undefine(String name) {
            user.add(MacroOption.undefine(name));
            return this;
        }

        /** Replaces the predefined macros (each what would follow {@code #define}). */
        public Builder predefinedMacros(List<String> definitions) {
            predefined = List.copyOf(definitions);
            return this;
        }

        /** Replaces the limits. */
        public Builder limits(Limits value) {
            limits = Objects.requireNonNull(value);
            return this;
        }

        /** The immutable configuration collected so far. */
        public PreprocessorConfig build() {
            return new PreprocessorConfig(quote, include, system, builtIn, user, predefined, limits);
        }
    }
}
