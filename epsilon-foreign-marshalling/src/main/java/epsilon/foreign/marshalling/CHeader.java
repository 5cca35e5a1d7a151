package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.parse.Translation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A C header read the way a C compiler reads it: preprocessed (macros, {@code #if}, {@code #include} over the
 * platform's header directories, {@code #pragma pack}), then parsed into the types, structs, functions, variables
 * and constants it declares, laid out by the platform's ABI. Real headers are read verbatim: glibc's
 * {@code <time.h>}, zlib's {@code zlib.h}, {@code sqlite3.h}.
 *
 * {@snippet :
 * CHeader zlib = CHeader.include("zlib.h");
 * CPrototype deflate = zlib.function("deflate");        // int deflate(z_streamp strm, int flush)
 * StructType stream = zlib.struct("z_stream");           // by typedef name, or "struct z_stream_s"
 * int ok = zlib.constant("Z_OK").intValue();             // 0, from #define Z_OK 0
 *
 * CHeader mine = CHeader.parse("""
 *         #pragma pack(push, 1)
 *         struct header { char tag; unsigned int length; };
 *         #pragma pack(pop)
 *         enum color { RED, GREEN = 5, BLUE };
 *         """);
 * mine.struct("header").byteSize();                      // 5
 * mine.constant("BLUE").longValue();                     // 6
 * }
 *
 * <p>By default the built-in preprocessor runs with the running platform's predefined macros (GCC-compatible, as
 * clang is) and header directories, and {@code CHeader.parse} text may use the platform's common typedefs
 * ({@code size_t}, {@code time_t}, {@code uint32_t}, ...) without including anything. {@link #options()} adds
 * {@code -I} directories and {@code -D} macros, or chooses the system's {@code cpp} instead of the built-in
 * preprocessor.
 *
 * <p>Anything the parser cannot read is a {@link ParseError} naming the file, line and column; a declaration C
 * forbids ({@code #error}, a duplicate field, a redefined struct) is one too. Types Java cannot pass
 * ({@code long double}) do not stop the parse: a function using them is listed, and refuses to be called with the
 * reason ({@link CPrototype#unsupported()}). Instances are immutable and thread-safe.
 */
public final class CHeader {
    private final Translation translation;

    private CHeader(Translation translation) {
        this.translation = translation;
    }

    /**
     * Parses C text with the default options; {@code #include "..."} looks in the working directory.
     *
     * @param text C declarations and preprocessor directives, as in a header file
     * @return what the text declares
     * @throws ParseError for text that does not preprocess or parse, a header it includes that cannot be found, or a
     *                    declaration C forbids; positions name the text {@code <text>}
     */
    public static CHeader parse(String text) {
        return options().parse(text);
    }

    /**
     * Reads system or library headers by name, as {@code #include <zlib.h>} would, with the default options.
     *
     * @param headers one or more names as written between the angle brackets ({@code "zlib.h"},
     *                {@code "sys/stat.h"})
     * @return what the headers declare, as one translation unit
     * @throws ParseError for a header that cannot be found (naming the directories searched) or does not parse
     * @throws IllegalArgumentException for no names, or a name that is blank or contains {@code >} or a line break
     */
    public static CHeader include(String... headers) {
        return options().include(headers);
    }

    /**
     * Reads a header file with the default options.
     *
     * @param file the header; {@code #include "..."} in it looks in its directory first
     * @return what the file declares
     * @throws ParseError for a file that cannot be read or does not parse; positions name the file
     */
    public static CHeader parseFile(Path file) {
        return options().parseFile(file);
    }

    /** {@return new options for reading headers (directories, macros, the preprocessor), set to the defaults} */
    public static Options options() {
        return new Options();
    }

    // ---- what the header declares -------------------------------------------------------------------------------

    /**
     * A struct or union by tag ({@code "tm"}), by tag with keyword ({@code "struct tm"}, {@code "union value"}) or
     * by typedef name ({@code "z_stream"}). Like the header's own text, the look-up also sees the platform's
     * built-in types and the names registered with {@link CType#define}.
     *
     * @param name a tag, with or without its keyword, or a typedef name
     * @return the struct or union, possibly incomplete (declared but never defined)
     * @throws DeclarationError naming the structs the header declares, when there is none of that name
     */
    public StructType struct(String name) {
        return findStruct(name).orElseThrow(() -> new DeclarationError("no struct or union '" + name
                + "' in this header; it declares " + translation.structNames()));
    }

    /**
     * The struct or union of that name, if there is one; see {@link #struct(String)}.
     *
     * @param name a tag, with or without its keyword, or a typedef name
     * @return the struct or union, or empty
     */
    public Optional<StructType> findStruct(String name) {
        return Optional.ofNullable(translation.struct(name));
    }

    /**
     * A type by typedef name ({@code "uLong"}, {@code "z_streamp"}) or tag ({@code "struct tm"}, {@code "enum
     * color"}). Like the header's own text, the look-up also sees the platform's built-in typedefs
     * ({@code size_t}) and the names registered with {@link CType#define}.
     *
     * @param name a typedef name, or a tag with its keyword
     * @return the type the name stands for
     * @throws DeclarationError when there is no such type
     */
    public CType type(String name) {
        return findType(name).orElseThrow(() -> new DeclarationError("no type '" + name + "' in this header"));
    }

    /**
     * The type of that name, if there is one; see {@link #type(String)}.
     *
     * @param name a typedef name, or a tag with its keyword
     * @return the type, or empty
     */
    public Optional<CType> findType(String name) {
        return Optional.ofNullable(translation.type(name));
    }

    /**
     * A function the header declares, with its parameter names, {@code nonnull} facts and symbol.
     *
     * @param name the function's C name
     * @return its prototype; a function declared twice has the later declaration, with the {@code nonnull} facts and
     *         symbol of either
     * @throws UnknownPrototypeError when the header declares no such function ({@code static} ones are not listed)
     */
    public CPrototype function(String name) {
        return findFunction(name).orElseThrow(() -> new UnknownPrototypeError("no function '" + name
                + "' is declared in this header", name));
    }

    /**
     * The function of that name, if the header declares one; see {@link #function(String)}.
     *
     * @param name the function's C name
     * @return its prototype, or empty
     */
    public Optional<CPrototype> findFunction(String name) {
        return Optional.ofNullable(translation.scope().function(name));
    }

    /**
     * {@return every function declared, by name, in declaration order; unmodifiable. {@code static} functions
     * (such as {@code static inline} ones) are left out: they have no symbol}
     */
    public Map<String, CPrototype> functions() {
        return translation.scope().functions();
    }

    /**
     * {@return every variable declared at file scope, {@code extern} or not ({@code static} ones left out), with its
     * type, in declaration order; unmodifiable}
     */
    public Map<String, CType> variables() {
        return translation.scope().variables();
    }

    /**
     * {@return every struct and union the header and the files it includes declare, by tag ({@code "struct tm"}),
     * complete or not, in declaration order; not the platform's built-in ones. A new map each time}
     */
    public Map<String, StructType> structs() {
        return translation.scope().structs();
    }

    /**
     * {@return every typedef the header and the files it includes declare, by name, in declaration order; not the
     * platform's built-in ones. Unmodifiable}
     */
    public Map<String, CType> typedefs() {
        return translation.scope().typedefs();
    }

    /**
     * The value of an enumerator or of an object-like {@code #define} whose expansion is a constant expression.
     *
     * @param name the enumerator or macro
     * @return the value and its C type, evaluated on first request
     * @throws DeclarationError when there is no such constant (no such macro, or a macro that is not a constant,
     *                          whose text the message quotes)
     */
    public CConstant constant(String name) {
        return findConstant(name).orElseThrow(() -> new DeclarationError("no constant '" + name + "' in this header"
                + translation.macroText(name).map(text -> ": #define " + name + " " + text
                        + " is not a constant expression").orElse("")));
    }

    /**
     * The constant of that name, if there is one; see {@link #constant(String)}.
     *
     * @param name the enumerator or macro
     * @return the value and its C type, or empty
     */
    public Optional<CConstant> findConstant(String name) {
        return Optional.ofNullable(translation.constant(name));
    }

    /**
     * Every constant: each enumerator, and each object-like macro whose expansion is a constant expression,
     * defined by the header, a file it includes or {@link Options#define} (not the platform's predefined macros).
     * Computed on first call.
     *
     * @return the constants by name, enumerators first, each group in definition order; unmodifiable
     */
    public Map<String, CConstant> constants() {
        return translation.constants();
    }

    /**
     * The replacement text of a macro the header defines (function-like macros included).
     *
     * @param name the macro
     * @return its replacement list as tokens joined by single spaces, not the spacing written:
     *         {@code #define A (1|(1<<8))} gives {@code "( 1 | ( 1 << 8 ) )"}; empty for no such macro or a predefined
     *         one
     */
    public Optional<String> macro(String name) {
        return translation.macroText(name);
    }

    /**
     * The file that declares a function, variable, typedef or tagged type ({@code "struct tm"}): to tell
     * {@code zlib.h}'s own functions from the ones of the system headers it includes.
     *
     * @param name the name as declared: a function, variable or typedef name, or a tag with its keyword
     * @return the path of the file that declared it first, as the preprocessor found it ({@code <text>} or the
     *         given name for text), or empty when the header does not declare it
     */
    public Optional<String> origin(String name) {
        return Optional.ofNullable(translation.scope().origin(name));
    }

    /**
     * The functions declared in files whose path ends with {@code fileName} ({@code "zlib.h"}).
     *
     * @param fileName a file name or the end of a path, matched at a {@code /}
     * @return those functions by name, in declaration order; a new, modifiable map
     */
    public Map<String, CPrototype> functionsDeclaredIn(String fileName) {
        Map<String, CPrototype> declared = new java.util.LinkedHashMap<>();
        functions().forEach((name, prototype) -> {
            String origin = translation.scope().origin(name);
            if (origin != null && (origin.equals(fileName) || origin.endsWith("/" + fileName))) {
                declared.put(name, prototype);
            }
        });
        return declared;
    }

    /**
     * The message of a {@code deprecated} attribute on a function or variable, if it has one.
     *
     * @param name the function or variable
     * @return the attribute's message ({@code ""} when it gives none), or empty when the name is not deprecated
     */
    public Optional<String> deprecation(String name) {
        return Optional.ofNullable(translation.scope().deprecations().get(name));
    }

    /**
     * Parses a prototype that may use this header's types: {@code zlib.prototype("int deflate(z_streamp, int)")}.
     *
     * @param text one function declaration, as {@link CPrototype#parse} takes it
     * @return the prototype; this header is not changed
     * @throws ParseError for text that does not parse
     */
    public CPrototype prototype(String text) {
        return translation.prototype(text);
    }

    /**
     * Parses a type name that may use this header's types: {@code zlib.parseType("z_stream *")}.
     *
     * @param text a C type name, as {@link CType#parse} takes C text
     * @return the type
     * @throws ParseError for text that does not parse
     */
    public CType parseType(String text) {
        return translation.typeName(text);
    }

    /**
     * {@return every file the preprocessor read, in the order it first read them, starting with the text or file
     * given (named {@code <text>}, or {@code <include time.h>} for {@link #include})}
     */
    public List<String> files() {
        return translation.files();
    }

    /** {@return the preprocessor's warnings ({@code #warning}, redefined macros), each starting with its position} */
    public List<String> warnings() {
        return translation.warnings();
    }

    @Override
    public String toString() {
        return "CHeader[" + functions().size() + " functions, " + structs().size() + " structs and unions, "
                + typedefs().size() + " typedefs, from " + files().size() + " files]";
    }

    /**
     * How headers are read: like a compiler's command line. Not thread-safe; a configured instance may read many
     * headers.
     *
     * {@snippet :
     * CHeader header = CHeader.options()
     *         .includeDirectory(Path.of("vendor/include"))   // -I
     *         .define("ZLIB_CONST")                          // -D
     *         .externalPreprocessor("cpp")                   // the system's cpp instead of the built-in one
     *         .include("zlib.h");
     * }
     */
    public static final class Options {
        private final List<Path> quoteDirectories = new ArrayList<>();
        private final List<Path> includeDirectories = new ArrayList<>();
        private final List<String[]> macros = new ArrayList<>();
        private boolean systemDirectories = true;
        private String externalCommand;

        private Options() {}

        /**
         * A directory searched for {@code #include "..."} only, after the including file's (gcc's {@code -iquote}).
         *
         * @param directory the directory; directories are searched in the order added
         * @return these options
         */
        public Options quoteDirectory(Path directory) {
            quoteDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * A directory searched for both include forms, before the system's (gcc's {@code -I}).
         *
         * @param directory the directory; directories are searched in the order added
         * @return these options
         */
        public Options includeDirectory(Path directory) {
            includeDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Whether the built-in preprocessor searches the platform's header directories ({@code /usr/include}, ...);
         * an {@linkplain #externalPreprocessor external one} searches its own whatever this says.
         *
         * @param searched false to search only the directories added here; the default is true
         * @return these options
         */
        public Options systemDirectories(boolean searched) {
            this.systemDirectories = searched;
            return this;
        }

        /**
         * {@code -D name}: defines {@code name} as {@code 1}.
         *
         * @param name the macro
         * @return these options
         */
        public Options define(String name) {
            return define(name, "1");
        }

        /**
         * {@code -D name=value}. Definitions and {@link #undefine}s apply in the order given, as on a command line.
         *
         * @param name  the macro
         * @param value its replacement text
         * @return these options
         */
        public Options define(String name, String value) {
            macros.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")});
            return this;
        }

        /**
         * {@code -U name}: removes a predefined macro, or one defined here before.
         *
         * @param name the macro
         * @return these options
         */
        public Options undefine(String name) {
            macros.add(new String[] {Objects.requireNonNull(name, "name"), null});
            return this;
        }

        /**
         * Preprocesses with an installed preprocessor instead of the built-in one: {@code "cpp"}, {@code "gcc -E"},
         * {@code "clang -E"}. Its own predefined macros and header directories apply, as for the C compiler.
         *
         * @param command the program and its first arguments, separated by spaces; it is run with {@code --version}
         *                now, and with {@code -dD -E} and the directories and macros of these options for each header
         * @return these options
         * @throws DeclarationError when the command cannot be run or {@code --version} fails
         * @throws IllegalArgumentException for a blank command
         */
        public Options externalPreprocessor(String command) {
            Objects.requireNonNull(command, "command");
            if (!Translation.isExternalAvailable(command)) {
                throw new DeclarationError("cannot run the preprocessor '" + command + "': it is not installed or"
                        + " does not answer --version");
            }
            this.externalCommand = command;
            return this;
        }

        /**
         * Back to the built-in preprocessor (the default).
         *
         * @return these options
         */
        public Options builtInPreprocessor() {
            this.externalCommand = null;
            return this;
        }

        /**
         * Parses C text; {@code #include "..."} looks in the working directory first.
         *
         * @param text C declarations and preprocessor directives, as in a header file
         * @return what the text declares
         * @throws ParseError as {@link CHeader#parse(String)}; positions name the text {@code <text>}
         */
        public CHeader parse(String text) {
            return parse("<text>", text);
        }

        /**
         * Parses C text that positions in errors call {@code name}.
         *
         * @param name what positions, {@link CHeader#origin} and {@link CHeader#files} call the text
         * @param text C declarations and preprocessor directives
         * @return what the text declares
         * @throws ParseError as {@link CHeader#parse(String)}
         */
        public CHeader parse(String name, String text) {
            Objects.requireNonNull(text, "text");
            return new CHeader(Translation.ofText(settings(), name, text));
        }

        /**
         * Reads headers by name, as {@code #include <name>} for each.
         *
         * @param headers one or more names as written between the angle brackets
         * @return what the headers declare, as one translation unit
         * @throws ParseError as {@link CHeader#include}
         * @throws IllegalArgumentException for no names, or a name that is blank or contains {@code >} or a line
         *                                  break
         */
        public CHeader include(String... headers) {
            if (headers.length == 0) {
                throw new IllegalArgumentException("name at least one header to include");
            }
            StringBuilder text = new StringBuilder();
            for (String header : headers) {
                if (header.isBlank() || header.contains(">") || header.contains("\n")) {
                    throw new IllegalArgumentException("not a header name: '" + header + "'");
                }
                text.append("#include <").append(header).append(">\n");
            }
            return parse("<include " + String.join(", ", headers) + ">", text.toString());
        }

        /**
         * Reads a header file.
         *
         * @param file the header; {@code #include "..."} in it looks in its directory first
         * @return what the file declares
         * @throws ParseError as {@link CHeader#parseFile}
         */
        public CHeader parseFile(Path file) {
            Objects.requireNonNull(file, "file");
            return new CHeader(Translation.ofFile(settings(), file));
        }

        private Translation.Settings settings() {
            return new Translation.Settings(List.copyOf(quoteDirectories), List.copyOf(includeDirectories),
                    List.copyOf(macros), systemDirectories, externalCommand);
        }
    }
}
