package epsilon.foreign.marshalling;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A C enumeration with keyword names (Lisp {@code define-enum}): keyword to {@code int} and back. Use it as a
 * type with {@link CType#enumOf(CEnum)}.
 *
 * {@snippet :
 * CEnum whence = CEnum.of("whence", Map.of("seek-set", 0, "seek-cur", 1, "seek-end", 2));
 * whence.valueOf(":seek-end");   // 2  (a leading ':' and letter case are ignored)
 * whence.keywordOf(1);           // "seek-cur"
 *
 * enum Color implements CEnum.Valued {
 *     RED(1), GREEN(2);
 *     private final int value;
 *     Color(int value) { this.value = value; }
 *     public int cValue() { return value; }
 * }
 * CEnum colors = CEnum.of(Color.class); // values from cValue(); without Valued, the ordinals
 * }
 *
 * <p>Keywords are matched ignoring letter case and one leading {@code ':'}, so Lisp's {@code :seek-end} and
 * Java's {@code "SEEK-END"} name the same enumerator. Several keywords may share a value; {@link #keywordOf(int)}
 * then returns the first one in the map's iteration order. Instances are immutable and thread-safe.
 */
public final class CEnum {
    /** Implemented by a Java enum whose constants have explicit C values, instead of their ordinals. */
    public interface Valued {
        /** {@return the C value of this constant, used in place of its ordinal} */
        int cValue();
    }

    /** The widest value range kept in an array for {@link #keywordOf(int)}; sparser enums use a map. */
    private static final int DENSE_LIMIT = 256;

    private final String name;
    private final Map<String, Integer> keywordToValue;
    private final Map<String, Integer> normalizedToValue;
    private final Map<Integer, String> valueToKeyword;
    private final Class<? extends Enum<?>> javaEnum;
    private final Map<Integer, Enum<?>> valueToConstant;
    /** Keywords indexed by {@code value - smallest}, when the values are dense enough: no boxing per lookup. */
    private final String[] denseKeywords;
    private final int smallest;

    private CEnum(String name, Map<String, Integer> keywordToValue, Class<? extends Enum<?>> javaEnum,
                  Map<Integer, Enum<?>> valueToConstant) {
        this.name = name;
        this.keywordToValue = Collections.unmodifiableMap(keywordToValue);
        this.normalizedToValue = new HashMap<>();
        this.valueToKeyword = new HashMap<>();
        for (Map.Entry<String, Integer> entry : keywordToValue.entrySet()) {
            Integer previous = normalizedToValue.putIfAbsent(normalize(entry.getKey()), entry.getValue());
            if (previous != null && !previous.equals(entry.getValue())) {
                throw new IllegalArgumentException("enum " + name + ": keyword '" + entry.getKey()
                        + "' differs only in case from another keyword with a different value (" + previous
                        + " vs " + entry.getValue() + ")");
            }
            valueToKeyword.putIfAbsent(entry.getValue(), entry.getKey());
        }
        this.javaEnum = javaEnum;
        this.valueToConstant = valueToConstant;
        int min = valueToKeyword.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
        long max = valueToKeyword.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        this.smallest = min;
        if (max - min < DENSE_LIMIT) {
            this.denseKeywords = new String[(int) (max - min + 1)];
            valueToKeyword.forEach((value, keyword) -> denseKeywords[value - min] = keyword);
        } else {
            this.denseKeywords = null;
        }
    }

    /**
     * An enumeration from keywords and values. Iteration order of {@code keywordToValue} is kept (use a
     * {@link LinkedHashMap} to control which alias {@link #keywordOf(int)} returns).
     *
     * @param name           the enumeration's name, as C spells it after {@code enum}; messages use it
     * @param keywordToValue each keyword and its C value; copied, with one leading {@code ':'} dropped from a keyword
     * @return an immutable enumeration
     * @throws IllegalArgumentException for an empty map, a null or blank keyword, a null value, or two keywords that
     *                                  differ only in case or in a leading {@code ':'} but have different values
     */
    public static CEnum of(String name, Map<String, Integer> keywordToValue) {
        Objects.requireNonNull(name, "name");
        if (keywordToValue.isEmpty()) {
            throw new IllegalArgumentException("enum " + name + " needs at least one keyword");
        }
        Map<String, Integer> copy = new LinkedHashMap<>();
        keywordToValue.forEach((keyword, value) -> {
            if (keyword == null || normalize(keyword).isEmpty() || value == null) {
                throw new IllegalArgumentException("enum " + name + ": blank keyword or null value: " + keyword + "=" + value);
            }
            String bare = keyword.startsWith(":") ? keyword.substring(1) : keyword;
            Integer previous = copy.put(bare, value);
            if (previous != null && !previous.equals(value)) {
                throw new IllegalArgumentException("enum " + name + ": keyword '" + keyword + "' is '" + bare
                        + "' with its leading ':' dropped, which another keyword already names with a different value"
                        + " (" + previous + " vs " + value + ")");
            }
        });
        return new CEnum(name, copy, null, null);
    }

    /**
     * An enumeration from a Java enum: keywords are the constants' names, values their
     * {@link Valued#cValue()} if the enum implements {@link Valued}, otherwise their ordinals.
     *
     * @param <E>  the Java enum
     * @param type the Java enum's class; its simple name becomes the enumeration's name
     * @return an enumeration whose conversions give and take {@code type}'s constants, not keywords
     * @throws IllegalArgumentException if the enum has no constants
     */
    public static <E extends Enum<E>> CEnum of(Class<E> type) {
        E[] constants = type.getEnumConstants();
        if (constants.length == 0) {
            throw new IllegalArgumentException("enum " + type.getName() + " has no constants");
        }
        Map<String, Integer> keywords = new LinkedHashMap<>();
        Map<Integer, Enum<?>> byValue = new HashMap<>();
        for (E constant : constants) {
            int value = constant instanceof Valued valued ? valued.cValue() : constant.ordinal();
            keywords.put(constant.name(), value);
            byValue.putIfAbsent(value, constant);
        }
        return new CEnum(type.getSimpleName(), keywords, type, byValue);
    }

    private static String normalize(String keyword) {
        String bare = keyword.startsWith(":") ? keyword.substring(1) : keyword;
        return bare.strip().toLowerCase(Locale.ROOT);
    }

    /** {@return the enumeration's name (the Java enum's simple name for {@link #of(Class)})} */
    public String name() {
        return name;
    }

    /** {@return every keyword (without a leading {@code ':'}) and its value, in declaration order; unmodifiable} */
    public Map<String, Integer> keywords() {
        return keywordToValue;
    }

    /** {@return the Java enum this enumeration was made from, or empty when it was made from keywords} */
    public Optional<Class<? extends Enum<?>>> javaEnum() {
        return Optional.ofNullable(javaEnum);
    }

    /**
     * The value of a keyword.
     *
     * @param keyword a keyword, matched ignoring letter case, surrounding white space and one leading {@code ':'}
     * @return its C value
     * @throws ConversionError for an unknown keyword, listing the known ones
     */
    public int valueOf(String keyword) {
        Integer value = normalizedToValue.get(normalize(keyword));
        if (value == null) {
            throw new ConversionError("enum " + name + " has no keyword '" + keyword + "'; known: "
                    + keywordToValue.keySet(), null, null);
        }
        return value;
    }

    /**
     * The value of a Java enum constant: its own {@code cValue()}/ordinal when this enumeration was made from
     * its class, otherwise the value of the keyword equal to its name.
     *
     * @param constant a constant of any Java enum
     * @return its C value here
     * @throws ConversionError if the constant belongs to another enum and its name is not a keyword here
     */
    public int valueOf(Enum<?> constant) {
        if (constant.getDeclaringClass() == javaEnum) {
            return constant instanceof Valued valued ? valued.cValue() : constant.ordinal();
        }
        return valueOf(constant.name());
    }

    /**
     * The keyword of a value (the first declared, when several share it).
     *
     * @param value a C value
     * @return the keyword as declared, without a leading {@code ':'}; for {@link #of(Class)}, the constant's name
     * @throws ConversionError if no keyword has this value
     */
    public String keywordOf(int value) {
        String keyword = keywordOrNull(value);
        if (keyword == null) {
            throw new ConversionError("enum " + name + " has no keyword for value " + value + "; known: "
                    + keywordToValue, null, null);
        }
        return keyword;
    }

    /**
     * The keyword of a value, without failing: for values C may return that the enumeration does not list.
     *
     * @param value          a C value
     * @param defaultKeyword what to return when no keyword has the value; may be {@code null}
     * @return the keyword (the first declared, when several share the value), or {@code defaultKeyword}
     */
    public String keywordOf(int value, String defaultKeyword) {
        String keyword = keywordOrNull(value);
        return keyword == null ? defaultKeyword : keyword;
    }

    private String keywordOrNull(int value) {
        if (denseKeywords != null) {
            long at = (long) value - smallest;
            return at >= 0 && at < denseKeywords.length ? denseKeywords[(int) at] : null;
        }
        return valueToKeyword.get(value);
    }

    /** {@return whether this enumeration was made from a Java enum class (then Java sees its constants, not keywords)} */
    public boolean isJavaEnum() {
        return javaEnum != null;
    }

    /**
     * The Java enum constant of a value, for an enumeration made with {@link #of(Class)}.
     *
     * @param value a C value
     * @return the constant with that value (the first declared, when several share it)
     * @throws ConversionError if no constant has this value
     * @throws IllegalStateException if this enumeration was not made from a Java enum
     */
    public Enum<?> constantOf(int value) {
        if (javaEnum == null) {
            throw new IllegalStateException("enum " + name + " was made from keywords, not from a Java enum");
        }
        Enum<?> constant = valueToConstant.get(value);
        if (constant == null) {
            throw new ConversionError("enum " + name + " has no constant for value " + value + "; known: "
                    + keywordToValue, null, null);
        }
        return constant;
    }

    /** Equal when the names, keywords, values and Java enum are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CEnum that && name.equals(that.name) && keywordToValue.equals(that.keywordToValue)
                && Objects.equals(javaEnum, that.javaEnum);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keywordToValue.hashCode();
    }

    /** {@code "enum whence{seek-set=0, seek-cur=1, seek-end=2}"}. */
    @Override
    public String toString() {
        return "enum " + name + keywordToValue;
    }
}
