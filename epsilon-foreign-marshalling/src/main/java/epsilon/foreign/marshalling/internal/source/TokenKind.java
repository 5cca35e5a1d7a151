package epsilon.foreign.marshalling.internal.source;

/** The kinds of C preprocessing tokens, as the C standard sorts them (C17 6.4), plus the parser's markers. */
public enum TokenKind {
    /** A C identifier or keyword: {@code int}, {@code size_t}, {@code __attribute__}. */
    IDENTIFIER,
    /** A preprocessing number: {@code 42}, {@code 0x1FUL}, {@code 1.5e3f}, {@code 1e+10}. */
    NUMBER,
    /** A character constant with its quotes and prefix: {@code 'a'}, {@code L'\0'}. */
    CHARACTER,
    /** A string literal with its quotes and prefix: {@code "abc"}, {@code u8"x"}. */
    STRING,
    /** An operator or punctuator: {@code (}, {@code ->}, {@code ...}, {@code ##}. */
    PUNCTUATOR,
    /**
     * A {@code #pragma} line or {@code _Pragma} operator, passed through to the parser: {@link Token#text()} is the
     * pragma's text after {@code pragma}, such as {@code pack(push, 1)}.
     */
    PRAGMA,
    /** The end of the token stream; its text is empty. */
    END
}
