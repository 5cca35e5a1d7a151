package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.Token;

/**
 * Where the macro expander reads tokens that are not from a macro's expansion: the translation unit's files (with
 * directives executed as they come) or a fixed list.
 */
interface TokenInput {
    /** What the expander is doing when it asks, which decides how a directive line or a file's end is met. */
    enum Mode {
        /** Plain reading: directives run, a file's end continues in the file that included it. */
        NORMAL,
        /**
         * Looking for the {@code (} after a function-like macro's name: a directive line or the end of the file
         * means there is none; nothing is consumed then.
         */
        PAREN,
        /** Collecting a macro's arguments: directives run (except {@code #include}); a file's end is an error. */
        ARGUMENTS
    }

    /**
     * The next token: an {@code END} token at the end (of everything in {@link Mode#NORMAL}, of the current file
     * in {@link Mode#ARGUMENTS}), or null in {@link Mode#PAREN} where no more tokens may take part.
     *
     * @param macro the name token of the macro whose arguments or parenthesis is sought, for error messages
     */
    Token next(Mode mode, Token macro);
}
