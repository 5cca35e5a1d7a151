package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.NativeLayouts;
import epsilon.foreign.marshalling.internal.TypeNames;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;

/**
 * A C type: its C spelling, its memory layout on this platform, the Panama carrier that a downcall handle
 * takes for it, and the Java type that users pass and receive.
 *
 * <p>Sizes come only from {@link java.lang.foreign.Linker#canonicalLayouts()}: {@link #LONG} is 8 bytes on
 * Linux and macOS and 4 on Windows, because the linker says so. Types are values: two equal types describe
 * the same C type, so they are usable as cache keys.
 *
 * <h2>Carrier and Java type of each kind</h2>
 * The <em>carrier</em> is what {@link java.lang.foreign.Linker#downcallHandle} wants; the <em>Java type</em>
 * is what {@link Marshal#fromForeign} returns and what {@link Marshal#toForeign} accepts first of all. Unsigned
 * types are widened so that every value is non-negative in Java, except the 64-bit ones, for which Java has no
 * wider primitive.
 * <table class="striped">
 * <caption>C types and their Java representations</caption>
 * <thead><tr><th>C type</th><th>carrier</th><th>Java type</th><th>notes</th></tr></thead>
 * <tbody>
 * <tr><td>{@code void}</td><td>{@code void}</td><td>{@code void}</td><td>return type only; no layout</td></tr>
 * <tr><td>{@code bool}, {@code _Bool}</td><td>{@code boolean}</td><td>{@code boolean}</td><td></td></tr>
 * <tr><td>{@code char}</td><td>{@code byte}</td><td>{@code byte}</td><td>the raw byte; a {@code Character} up to 255 is accepted</td></tr>
 * <tr><td>{@code signed char}, {@code int8_t}</td><td>{@code byte}</td><td>{@code byte}</td><td></td></tr>
 * <tr><td>{@code unsigned char}, {@code uint8_t}</td><td>{@code byte}</td><td>{@code int}</td><td>0..255</td></tr>
 * <tr><td>{@code short}, {@code int16_t}</td><td>{@code short}</td><td>{@code short}</td><td></td></tr>
 * <tr><td>{@code unsigned short}, {@code uint16_t}</td><td>{@code short}</td><td>{@code int}</td><td>0..65535</td></tr>
 * <tr><td>{@code int}, {@code int32_t}, {@code pid_t}</td><td>{@code int}</td><td>{@code int}</td><td></td></tr>
 * <tr><td>{@code unsigned int}, {@code uint32_t}, {@code uid_t}, {@code gid_t}</td><td>{@code int}</td><td>{@code long}</td><td>zero-extended</td></tr>
 * <tr><td>{@code long long}, {@code int64_t}, {@code long}/{@code ssize_t}/{@code time_t} where 8 bytes</td><td>{@code long}</td><td>{@code long}</td><td></td></tr>
 * <tr><td>{@code unsigned long long}, {@code uint64_t}, {@code size_t}, {@code unsigned long} where 8 bytes</td><td>{@code long}</td><td>{@code long}</td><td>raw two's-complement bits: values of 2<sup>63</sup> and more read as negative
 *   (use {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned})</td></tr>
 * <tr><td>{@code float}, {@code double}</td><td>{@code float}, {@code double}</td><td>same</td><td></td></tr>
 * <tr><td>{@code void *}, {@code T *}, function pointers</td><td>{@link MemorySegment}</td><td>{@link MemorySegment}</td><td>{@code T *} reads back sized to {@code T}</td></tr>
 * <tr><td>{@code char *} ({@link #STRING})</td><td>{@link MemorySegment}</td><td>{@link String}</td><td>UTF-8, NUL-terminated; C's {@code NULL} is Java's {@code null}</td></tr>
 * <tr><td>{@code wchar_t *} ({@link #WIDE_STRING})</td><td>{@link MemorySegment}</td><td>{@link String}</td><td>UTF-32 (UTF-16 on Windows)</td></tr>
 * <tr><td>{@code T[n]}</td><td>{@link MemorySegment}</td><td>an array of {@code T}'s Java type</td><td>a pointer as a parameter, {@code n} elements in memory</td></tr>
 * <tr><td>{@code enum E}</td><td>{@code int}</td><td>the keyword {@link String}, or the Java enum</td><td>see {@link CEnum}</td></tr>
 * <tr><td>{@code struct S} by value</td><td>{@link MemorySegment}</td><td>{@link MemorySegment}</td><td>the layout comes from the caller</td></tr>
 * </tbody>
 * </table>
 * A type whose width differs between platforms ({@code long}, {@code size_t}, {@code time_t}, ...) gets the
 * carrier and Java type of its width on the running platform.
 *
 * <h2>Platform typedefs</h2>
 * {@code pid_t} is a 32-bit signed {@code int}; {@code uid_t} and {@code gid_t} are 32-bit unsigned;
 * {@code mode_t} is 32-bit unsigned on Linux and 16-bit unsigned on macOS and Windows; {@code time_t},
 * {@code clock_t} and {@code off_t} are {@code long} on Linux ({@code clock_t} is {@code unsigned long} on
 * macOS, {@code time_t} and {@code off_t} are 64-bit {@code long long} on macOS and {@code time_t} on Windows).
 *
 * <h2>Getting a type</h2>
 * {@snippet :
 * CType size = CType.parse("size_t");              // C spelling
 * CType same = CType.parse("size-t");              // Lisp Epsilon keyword (":size-t" works too)
 * CType also = CType.parse("SIZE_T");              // this interface's constant name
 * CType name = CType.parse("const char *");        // CType.STRING
 * CType tm = CType.pointerTo(CType.struct("struct tm", tmLayout));
 * CType.define("handle_t", CType.POINTER);         // later: CType.parse("handle_t *")
 * }
 */
public sealed interface CType
        permits ScalarType, EnumType, SegmentCarriedType, OpaqueType {

    /**
     * What kind of value a type holds: the switch key of every conversion. Integer kinds are named for their
     * width on this platform, so {@code LONG.kind()} is {@code INT64} on Linux and {@code INT32} on Windows.
     */
    enum Kind {
        /** {@code void}: no value. */
        VOID,
        /** {@code bool}. */
        BOOL,
        /** Plain {@code char}, whose signedness is the platform's. */
        CHAR,
        /** A signed 8-bit integer. */
        INT8,
        /** A signed 16-bit integer. */
        INT16,
        /** A signed 32-bit integer. */
        INT32,
        /** A signed 64-bit integer. */
        INT64,
        /** An unsigned 8-bit integer. */
        UINT8,
        /** An unsigned 16-bit integer. */
        UINT16,
        /** An unsigned 32-bit integer. */
        UINT32,
        /** An unsigned 64-bit integer. */
        UINT64,
        /** {@code float}. */
        FLOAT,
        /** {@code double}. */
        DOUBLE,
        /** A data pointer ({@link PointerType}). */
        POINTER,
        /** A NUL-terminated string pointer ({@link StringType}). */
        STRING,
        /** A fixed-size array ({@link ArrayType}). */
        ARRAY,
        /** An enumeration ({@link EnumType}). */
        ENUM,
        /** A struct or union by value ({@link StructType}). */
        STRUCT,
        /** A pointer to a C function ({@link FunctionPointerType}). */
        FUNCTION_POINTER,
        /** A type Java can only point to, or hold as bytes ({@link OpaqueType}): {@code FILE}, {@code long double}. */
        OPAQUE;

        /** {@return whether this kind is one of the eight integer kinds (not {@code BOOL}, {@code CHAR} or {@code ENUM})} */
        public boolean isInteger() {
            return ordinal() >= INT8.ordinal() && ordinal() <= UINT64.ordinal();
        }
    }

    /** {@code void}: a return type only. */
    CType VOID = ScalarType.ofVoid();
    /** {@code bool} ({@code _Bool}). */
    CType BOOL = ScalarType.of("bool", Kind.BOOL, NativeLayouts.canonical("bool"));
    /** Plain {@code char}, exchanged as its raw byte. */
    CType CHAR = ScalarType.of("char", Kind.CHAR, NativeLayouts.canonical("char"));
    /** {@code signed char}. */
    CType SIGNED_CHAR = ScalarType.signed("signed char", NativeLayouts.canonical("char"));
    /** {@code unsigned char}. */
    CType UNSIGNED_CHAR = ScalarType.unsigned("unsigned char", NativeLayouts.canonical("char"));
    /** {@code short}. */
    CType SHORT = ScalarType.signed("short", NativeLayouts.canonical("short"));
    /** {@code unsigned short}. */
    CType UNSIGNED_SHORT = ScalarType.unsigned("unsigned short", NativeLayouts.canonical("short"));
    /** {@code int}. */
    CType INT = ScalarType.signed("int", NativeLayouts.canonical("int"));
    /** {@code unsigned int}. */
    CType UNSIGNED_INT = ScalarType.unsigned("unsigned int", NativeLayouts.canonical("int"));
    /** {@code long}: 8 bytes on Linux and macOS, 4 on Windows. */
    CType LONG = ScalarType.signed("long", NativeLayouts.canonical("long"));
    /** {@code unsigned long}. */
    CType UNSIGNED_LONG = ScalarType.unsigned("unsigned long", NativeLayouts.canonical("long"));
    /** {@code long long}. */
    CType LONG_LONG = ScalarType.signed("long long", NativeLayouts.canonical("long long"));
    /** {@code unsigned long long}. */
    CType UNSIGNED_LONG_LONG = ScalarType.unsigned("unsigned long long", NativeLayouts.canonical("long long"));
    /** {@code int8_t}. */
    CType INT8 = ScalarType.signed("int8_t", NativeLayouts.integralOfSize(1));
    /** {@code uint8_t}. */
    CType UINT8 = ScalarType.unsigned("uint8_t", NativeLayouts.integralOfSize(1));
    /** {@code int16_t}. */
    CType INT16 = ScalarType.signed("int16_t", NativeLayouts.integralOfSize(2));
    /** {@code uint16_t}. */
    CType UINT16 = ScalarType.unsigned("uint16_t", NativeLayouts.integralOfSize(2));
    /** {@code int32_t}. */
    CType INT32 = ScalarType.signed("int32_t", NativeLayouts.integralOfSize(4));
    /** {@code uint32_t}. */
    CType UINT32 = ScalarType.unsigned("uint32_t", NativeLayouts.integralOfSize(4));
    /** {@code int64_t}. */
    CType INT64 = ScalarType.signed("int64_t", NativeLayouts.integralOfSize(8));
    /** {@code uint64_t}: Java sees the raw bits in a {@code long}. */
    CType UINT64 = ScalarType.unsigned("uint64_t", NativeLayouts.integralOfSize(8));
    /** {@code size_t}: unsigned, as wide as the linker's {@code size_t}. */
    CType SIZE_T = ScalarType.unsigned("size_t", NativeLayouts.canonical("size_t"));
    /** {@code ssize_t}: the signed type as wide as {@code size_t}. */
    CType SSIZE_T = ScalarType.signed("ssize_t", NativeLayouts.canonical("size_t"));
    /** {@code ptrdiff_t}: the signed type as wide as {@code size_t}. */
    CType PTRDIFF_T = ScalarType.signed("ptrdiff_t", NativeLayouts.canonical("size_t"));
    /** {@code intptr_t}: the signed integer as wide as a pointer. */
    CType INTPTR_T = ScalarType.signed("intptr_t", NativeLayouts.integralOfSize(NativeLayouts.canonical("void*").byteSize()));
    /** {@code uintptr_t}: the unsigned integer as wide as a pointer. */
    CType UINTPTR_T = ScalarType.unsigned("uintptr_t", NativeLayouts.integralOfSize(NativeLayouts.canonical("void*").byteSize()));
    /** {@code float}. */
    CType FLOAT = ScalarType.of("float", Kind.FLOAT, NativeLayouts.canonical("float"));
    /** {@code double}. */
    CType DOUBLE = ScalarType.of("double", Kind.DOUBLE, NativeLayouts.canonical("double"));
    /** {@code void *}: an untyped pointer. */
    CType POINTER = PointerType.toVoid();
    /** {@code char *} holding UTF-8 text, NUL-terminated. */
    CType STRING = new StringType(java.nio.charset.StandardCharsets.UTF_8, null);
    /** {@code wchar_t}: a 32-bit signed integer on Linux and macOS, a 16-bit unsigned one on Windows, as the linker says. */
    CType WCHAR_T = NativeLayouts.canonical("wchar_t").byteSize() == 4
            ? ScalarType.signed("wchar_t", NativeLayouts.canonical("wchar_t"))
            : ScalarType.unsigned("wchar_t", NativeLayouts.canonical("wchar_t"));
    /**
     * {@code wchar_t *} text, NUL-terminated: UTF-32 where {@code wchar_t} is 4 bytes (Linux, macOS), UTF-16 where it
     * is 2 (Windows), in the platform's byte order. The C spelling {@code "const wchar_t *"} parses to this type.
     */
    CType WIDE_STRING = new StringType(java.nio.charset.Charset.forName(
            NativeLayouts.canonical("wchar_t").byteSize() == 4 ? "UTF-32" : "UTF-16"), "wchar_t *");
    /** {@code time_t}: {@code long} on Linux and macOS, {@code long long} on Windows. */
    CType TIME_T = ScalarType.signed("time_t", NativeLayouts.canonical(NativeLayouts.WINDOWS ? "long long" : "long"));
    /** {@code clock_t}: {@code long}; unsigned on macOS. */
    CType CLOCK_T = NativeLayouts.MAC
            ? ScalarType.unsigned("clock_t", NativeLayouts.canonical("long"))
            : ScalarType.signed("clock_t", NativeLayouts.canonical("long"));
    /** {@code pid_t}: a 32-bit signed {@code int}. */
    CType PID_T = ScalarType.signed("pid_t", NativeLayouts.canonical("int"));
    /** {@code uid_t}: a 32-bit unsigned integer. */
    CType UID_T = ScalarType.unsigned("uid_t", NativeLayouts.integralOfSize(4));
    /** {@code gid_t}: a 32-bit unsigned integer. */
    CType GID_T = ScalarType.unsigned("gid_t", NativeLayouts.integralOfSize(4));
    /** {@code mode_t}: 32-bit unsigned on Linux, 16-bit unsigned on macOS and Windows. */
    CType MODE_T = ScalarType.unsigned("mode_t", NativeLayouts.integralOfSize(NativeLayouts.MAC || NativeLayouts.WINDOWS ? 2 : 4));
    /** {@code off_t}: {@code long} on Linux and Windows, 64-bit {@code long long} on macOS. */
    CType OFF_T = ScalarType.signed("off_t", NativeLayouts.canonical(NativeLayouts.MAC ? "long long" : "long"));

    /**
     * {@return the C spelling: {@code "unsigned long"}, {@code "char *"}, {@code "int[4]"}, {@code "struct tm"}, or the
     * typedef name the type was given}
     */
    String name();

    /** {@return what kind of value this type holds; conversions switch on it} */
    Kind kind();

    /**
     * The layout of a value of this type in memory.
     *
     * @return a {@link java.lang.foreign.ValueLayout} for scalars and pointers, a sequence for an array, a group for
     *         a struct, a byte sequence for an {@link OpaqueType} of known size
     * @throws UnsupportedOperationException for {@link #VOID}, which has no values
     * @throws DeclarationError for a struct declared but not defined, or an opaque type of unknown size
     */
    MemoryLayout layout();

    /**
     * The layout of this type as a function parameter or result, for a {@link java.lang.foreign.FunctionDescriptor}.
     *
     * @return the same as {@link #layout()}, except that an array decays to a pointer, a scalar or enum keeps its
     *         natural alignment whatever {@link ScalarType#withAlignment} gave it in memory, and a struct may be
     *         passed as an equivalent layout ({@link StructType#argumentLayout()})
     * @throws UnsupportedOperationException for {@link #VOID}
     * @throws DeclarationError for a struct declared but not defined, an opaque type of unknown size, or a struct
     *                          the FFM linker cannot pass as C does; {@link CPrototype#unsupported()} also refuses an
     *                          opaque type of known size, which has a layout here but no carrier
     */
    default MemoryLayout argumentLayout() {
        return layout();
    }

    /**
     * {@return the Panama carrier class for this type in a downcall handle ({@code int.class},
     * {@code MemorySegment.class}); {@code void.class} for {@link #VOID}}
     */
    Class<?> carrier();

    /** {@return the Java type users pass and receive; see the table in this interface's documentation} */
    Class<?> javaType();

    /**
     * {@return whether values of this type are signed: floating types are; pointers, {@code bool} and unsigned
     * integers are not; plain {@code char} is as the platform's C compiler has it, an enum as its underlying type}
     */
    boolean isSigned();

    /**
     * {@return the size in bytes of a value of this type ({@code sizeof}); 0 for {@link #VOID} and for an opaque
     * type of unknown size}
     *
     * @throws DeclarationError for a struct declared but not defined
     */
    default long byteSize() {
        return isVoid() ? 0 : layout().byteSize();
    }

    /** {@return whether this is {@link #VOID}} */
    default boolean isVoid() {
        return kind() == Kind.VOID;
    }

    /**
     * Whether converting some Java value to this type allocates native memory (a {@code String} for
     * {@code char *}, a Java array for a pointer or array type). When false, {@link Marshal#toForeign} never
     * touches its allocator, so a caller may pass {@code null} and skip creating an arena. For a decision
     * per value, see {@link Marshal#needsAllocator(Object, CType)}.
     *
     * @return true for pointer, string and array types; false for the others
     */
    boolean needsAllocator();

    /**
     * A pointer whose target type is known: {@code pointerTo(INT)} is {@code int *}. A pointer read or
     * returned with this type is sized to one {@code target}, so it can be read without
     * {@link MemorySegment#reinterpret(long)}. {@code pointerTo(CHAR)} is {@code char *} as a pointer to bytes,
     * not the {@link #STRING} type.
     *
     * @param target the pointed-to type; a struct declared but not yet defined is allowed, and the pointer sees its
     *               size once it is
     * @return a {@link PointerType}; {@link #POINTER} itself for {@link #VOID}
     */
    static CType pointerTo(CType target) {
        return PointerType.to(target, false);
    }

    /**
     * A pointer to a {@code const} target: {@code pointerToConst(INT)} is {@code const int *}, equal to {@code int *}.
     * The {@code const} only shows in the name and in {@link PointerType#isConstTarget()}.
     *
     * @param target the pointed-to type
     * @return a {@link PointerType} to {@code target}
     */
    static CType pointerToConst(CType target) {
        return PointerType.to(target, true);
    }

    /**
     * {@code char *} text in the given charset, NUL-terminated with a terminator as wide as one code unit (2 bytes for
     * UTF-16, 4 for UTF-32).
     *
     * @param charset how the text is encoded; a UTF-16 or UTF-32 one without a stated byte order is used in the
     *                platform's order
     * @return a {@link StringType}, spelled {@code char *}, {@code char16_t *} or {@code char32_t *} by code unit
     *         width; equal to {@link #STRING} for UTF-8
     */
    static CType string(Charset charset) {
        return new StringType(charset, null);
    }

    /**
     * A C array of {@code count} elements: {@code T[count]}. In memory (a struct field, {@link Marshal#write})
     * it is the elements themselves; as a parameter it decays to a pointer to the first element.
     *
     * @param element the type of each element; it must have a size
     * @param count   the number of elements; 0 is allowed
     * @return an {@link ArrayType}
     * @throws DeclarationError if {@code element} is {@code void}, a struct declared but not defined or an opaque
     *                          type of unknown size, if {@code count} is negative, or if the array would be larger
     *                          than {@code Long.MAX_VALUE} bytes
     */
    static CType arrayOf(CType element, long count) {
        return new ArrayType(element, count, false);
    }

    /**
     * An enumeration, exchanged with C as an {@code int} and with Java as a keyword or enum constant.
     *
     * @param enumeration the keywords and their values
     * @return an {@link EnumType} stored as {@code int}
     */
    static CType enumOf(CEnum enumeration) {
        return new EnumType(enumeration, (ScalarType) INT);
    }

    /**
     * An enumeration stored as {@code underlying} (an integer type): {@code unsigned int} for an enum with values
     * past {@code INT_MAX}, {@code unsigned char} for a packed one.
     *
     * @param enumeration the keywords and their values
     * @param underlying  the integer type the enum is stored and passed as
     * @return an {@link EnumType}
     * @throws DeclarationError if {@code underlying} is not an integer type ({@code bool}, {@code char} and floating
     *                          types are refused)
     */
    static CType enumOf(CEnum enumeration, CType underlying) {
        if (!(underlying instanceof ScalarType scalar)) {
            throw new DeclarationError("enum " + enumeration.name() + " cannot be stored as " + underlying.name());
        }
        return new EnumType(enumeration, scalar);
    }

    /**
     * A struct or union passed by value, from a JDK layout whose members are all named: the same as
     * {@link StructType#of(GroupLayout)} under {@code name} (the C spelling, such as {@code "struct tm"} or
     * {@code "div_t"}).
     *
     * @param name   the C spelling; it replaces the layout's own name
     * @param layout the members, with the offsets and size C gives them
     * @return a complete {@link StructType}
     * @throws DeclarationError when the layout's offsets or size are not what C would give, or a member has no C
     *                          type
     */
    static CType struct(String name, GroupLayout layout) {
        return StructType.of((GroupLayout) layout.withName(name));
    }

    /**
     * A type known only by name, usable behind a pointer: {@code pointerTo(opaque("sqlite3"))} is {@code sqlite3 *}.
     *
     * @param name the C spelling, such as {@code "FILE"}
     * @return an {@link OpaqueType} of unknown size, equal to any other of the same name
     */
    static CType opaque(String name) {
        return OpaqueType.named(name);
    }

    /**
     * {@code type} under a typedef name, as {@code typedef unsigned int uInt;} makes it: scalars, strings and
     * pointers take the new name (so messages say {@code uInt}); structs, unions, enums and function pointers keep
     * their own, since C code names them either way. Nothing is registered: see {@link #define} for that.
     *
     * @param name the typedef name
     * @param type the type it names
     * @return for a scalar (other than {@code void}), string or pointer, a copy under the new name with the same
     *         kind, layout and Java type; {@code type} itself for any other
     */
    static CType typedef(String name, CType type) {
        return switch (type) {
            case ScalarType scalar when !scalar.isVoid() -> scalar.named(name);
            case PointerType pointer -> pointer.named(name);
            case StringType string -> string.named(name);
            default -> type;
        };
    }

    /**
     * A pointer to a C function with the given signature, such as {@code qsort}'s comparator.
     *
     * @param signature the pointed-to function's signature; its name, if any, is kept but takes no part in equality
     * @return a {@link FunctionPointerType}
     */
    static CType functionPointer(CPrototype signature) {
        return new FunctionPointerType(signature);
    }

    /**
     * The type a spelling names. Three families are accepted:
     * <ul>
     * <li>this interface's constant names: {@code "UNSIGNED_LONG"}, {@code "SIZE_T"}, {@code "STRING"};</li>
     * <li>Lisp Epsilon keywords, with or without the colon: {@code ":int"}, {@code "unsigned-long"},
     *     {@code ":string"}, {@code ":pointer"}, {@code "size-t"}, {@code "pid-t"};</li>
     * <li>C type names: {@code "unsigned long"}, {@code "long unsigned int"}, {@code "const char *"} (which is
     *     {@link #STRING}), {@code "char **"}, {@code "void *"}, {@code "uint32_t"}, {@code "struct tm *"} (an
     *     untyped pointer unless {@code "struct tm"} was {@linkplain #define defined}), {@code "_Bool"},
     *     {@code "int (*)(const void *, const void *)"}, and names registered with {@link #define}.</li>
     * </ul>
     * Any {@code char *} (const or not) is {@link #STRING} and any {@code wchar_t *} is {@link #WIDE_STRING};
     * {@code signed char *} and {@code unsigned char *} are byte pointers.
     *
     * @param spelling the name; surrounding white space is ignored
     * @return the type; for a name registered with {@link #define}, the type it was registered as
     * @throws ParseError naming the offending text and its position, for an unknown or malformed spelling
     */
    static CType parse(String spelling) {
        return TypeNames.parse(spelling);
    }

    /**
     * Registers a type name (Lisp {@code define-c-type}), after which {@link #parse}, {@link CPrototype#parse}
     * and the {@link KnownPrototypes} accept it. {@code name} is a C identifier ({@code "handle_t"}), a tagged
     * name ({@code "struct tm"}, {@code "union u"}, {@code "enum color"}) or a Lisp-style name with dashes. A
     * later definition of the same name replaces the earlier one.
     *
     * {@snippet :
     * CType.define("struct tm", CType.struct("struct tm", tmLayout));
     * CPrototype p = CPrototype.parse("struct tm *localtime_r(const time_t *t, struct tm *out)");
     * // p.returnType() is now pointerTo(struct tm), read back sized to the struct
     * }
     *
     * @param name the name to register, with or without a leading {@code ':'}
     * @param as   the type it stands for
     * @return {@code as}
     * @throws IllegalArgumentException if the name is malformed or is a built-in C type name ({@code int},
     *                                  {@code size_t} and the platform's other typedefs keep their meaning)
     */
    static CType define(String name, CType as) {
        return TypeNames.define(name, as);
    }
}
