package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.internal.TypeNames;
import epsilon.foreign.marshalling.internal.pp.Preprocessor;
import epsilon.foreign.marshalling.internal.pp.PreprocessorConfig;
import epsilon.foreign.marshalling.internal.source.Lexer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one C front end's entry points for text a user writes (a prototype, a type name) and the platform's built-in
 * names those see: the typedefs and structs of {@code builtin-types.h}, a resource parsed by this same front end on
 * first use, under the names registered with {@code CType.define}.
 */
public final class FrontEnd {
    private static final String BUILTIN_TYPES = "builtin-types.h";

    private FrontEnd() {}

    /** Loads the built-in names on first use, not when this class is merely referenced. */
    private static final class Builtins {
        static final Scope SCOPE = load();

        private static Scope load() {
            String text;
            try (InputStream in = FrontEnd.class.getResourceAsStream(BUILTIN_TYPES)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + BUILTIN_TYPES + " is missing from the marshalling module");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + BUILTIN_TYPES, e);
            }
            // No system directories: <stdint.h> is the front end's own freestanding header, whatever the machine has.
            PreprocessorConfig config = PreprocessorConfig.builder().systemDirectories(List.of()).builtInHeaders(true)
                    .build();
            Scope scope = new Scope(null);
            DeclarationParser.translationUnit(new Preprocessor(config).preprocessText("<built-in types>", text, null)
                    .tokens(), scope);
            return scope;
        }
    }

    /** The platform's built-in typedefs and structs. */
    public static Scope builtins() {
        return Builtins.SCOPE;
    }

    /** Names a user's text may use: those registered with {@code CType.define}, then the built-in ones. */
    public static Scope.Lookup textLookup() {
        return TEXT_LOOKUP;
    }

    private static final Scope.Lookup TEXT_LOOKUP = new Scope.Lookup() {
        @Override
        public CType typedef(String name) {
            CType user = TypeNames.userDefined(name);
            if (user != null) {
                return user;
            }
            CType common = BuiltinNames.knownWithoutParsing(name);
            return common != null ? common : builtins().typedef(name);
        }

        @Override
        public CType tag(String taggedName) {
            CType user = TypeNames.userDefined(taggedName);
            return user != null ? user : builtins().tag(taggedName);
        }
    };

    /** Parses a function declaration written by a user. */
    public static CPrototype prototype(String text) {
        return prototype(text, new Scope(TEXT_LOOKUP));
    }

    static CPrototype prototype(String text, Scope scope) {
        return DeclarationParser.prototype(Lexer.tokenize("<prototype>", text), text, scope);
    }

    /** Parses a type name written by a user. */
    public static CType typeName(String text) {
        return typeName(text, new Scope(TEXT_LOOKUP));
    }

    static CType typeName(String text, Scope scope) {
        return DeclarationParser.typeName(Lexer.tokenize("<type>", text), text, scope);
    }
}
