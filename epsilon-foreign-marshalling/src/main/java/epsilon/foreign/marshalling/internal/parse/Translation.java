package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.CConstant;
import epsilon.foreign.marshalling.CPrototype;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.StructType;
import epsilon.foreign.marshalling.internal.pp.ExternalPreprocessor;
import epsilon.foreign.marshalling.internal.pp.Macro;
import epsilon.foreign.marshalling.internal.pp.PreprocessedUnit;
import epsilon.foreign.marshalling.internal.pp.Preprocessor;
import epsilon.foreign.marshalling.internal.pp.PreprocessorConfig;
import epsilon.foreign.marshalling.internal.source.Token;
import epsilon.foreign.marshalling.internal.source.TokenKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One header read through the front end: the preprocessor's output parsed into a {@link Scope}, with the macro
 * table kept so that {@code #define} constants can be evaluated when asked. Immutable once built, except for the
 * cache of evaluated constants, which is thread-safe.
 */
public final class Translation {
    /** The options of {@code CHeader.Options}, as the front end needs them. */
    public record Settings(List<Path> quoteDirectories, List<Path> includeDirectories, List<String[]> macros,
                           boolean systemDirectories, String externalCommand) {}

    private final Scope scope;
    private final PreprocessedUnit unit;
    private final Map<String, Optional<CConstant>> evaluated = new ConcurrentHashMap<>();
    private volatile Map<String, CConstant> all;

    private Translation(Scope scope, PreprocessedUnit unit) {
        this.scope = scope;
        this.unit = unit;
    }

    /** Preprocesses and parses text. */
    public static Translation ofText(Settings settings, String name, String text) {
        PreprocessedUnit unit = settings.externalCommand() != null
                ? new ExternalPreprocessor(settings.externalCommand(), config(settings)).preprocessText(name, text,
                        Path.of("").toAbsolutePath())
                : new Preprocessor(config(settings)).preprocessText(name, text, Path.of("").toAbsolutePath());
        return parse(unit);
    }

    /** Preprocesses and parses a file. */
    public static Translation ofFile(Settings settings, Path file) {
        PreprocessedUnit unit = settings.externalCommand() != null
                ? new ExternalPreprocessor(settings.externalCommand(), config(settings)).preprocessFile(file)
                : new Preprocessor(config(settings)).preprocessFile(file);
        return parse(unit);
    }

    /** Whether an external preprocessor command can be run. */
    public static boolean isExternalAvailable(String command) {
        return ExternalPreprocessor.isAvailable(command);
    }

    private static Translation parse(PreprocessedUnit unit) {
        Scope scope = new Scope(FrontEnd.textLookup());
        DeclarationParser.translationUnit(unit.tokens(), scope);
        return new Translation(scope, unit);
    }

    private static PreprocessorConfig config(Settings settings) {
        PreprocessorConfig.Builder builder = PreprocessorConfig.builder();
        settings.quoteDirectories().forEach(builder::quoteDirectory);
        settings.includeDirectories().forEach(builder::includeDirectory);
        if (!settings.systemDirectories()) {
            builder.systemDirectories(List.of());
        }
        for (String[] macro : settings.macros()) {
            if (macro[1] == null) {
                builder.undefine(macro[0]);
            } else {
                builder.define(macro[0], macro[1]);
            }
        }
        return builder.build();
    }

    public Scope scope() {
        return scope;
    }

    /** A struct by tag, tagged name or typedef name, or {@code null}. */
    public StructType struct(String name) {
        for (String candidate : new String[] {name, "struct " + name, "union " + name}) {
            if (scope.tag(candidate) instanceof StructType struct) {
                return struct;
            }
        }
        return scope.typedef(name) instanceof StructType struct ? struct : null;
    }

    /** A type by typedef name or tagged name, or {@code null}. */
    public CType type(String name) {
        CType typedef = scope.typedef(name);
        return typedef != null ? typedef : scope.tag(name);
    }

    /** The names structs can be looked up by, for messages. */
    public List<String> structNames() {
        List<String> names = new ArrayList<>(scope.structs().keySet());
        scope.typedefs().forEach((name, type) -> {
            if (type instanceof StructType) {
                names.add(name);
            }
        });
        return names;
    }

    /** An enumerator or a constant macro's value, or {@code null}. */
    public CConstant constant(String name) {
        return evaluated.computeIfAbsent(name, this::evaluate).orElse(null);
    }

    private Optional<CConstant> evaluate(String name) {
        Macro macro = unit.macros().get(name);
        if (macro != null && macro.parameters() == null && !macro.builtIn()) {
            List<Token> expanded = new ArrayList<>(unit.expand(macro.replacement()));
            if (expanded.isEmpty() || expanded.getLast().kind() != TokenKind.END) {
                expanded.add(new Token(TokenKind.END, "", macro.position(), false));
            }
            Constant value = expanded.size() > 1 ? DeclarationParser.constant(expanded, scope) : null;
            return Optional.ofNullable(value).map(v -> new CConstant(name, v.type(), v.value()));
        }
        Constant enumerator = scope.enumConstant(name);
        return Optional.ofNullable(enumerator).map(v -> new CConstant(name, v.type(), v.value()));
    }

    /** Every enumerator and every constant macro the header defines. */
    public Map<String, CConstant> constants() {
        Map<String, CConstant> known = all;
        if (known == null) {
            Map<String, CConstant> map = new LinkedHashMap<>();
            scope.enumConstants().keySet().forEach(name -> Optional.ofNullable(constant(name))
                    .ifPresent(c -> map.put(name, c)));
            unit.macros().forEach((name, macro) -> {
                if (macro.parameters() == null && !macro.builtIn()) {
                    Optional.ofNullable(constant(name)).ifPresent(c -> map.put(name, c));
                }
            });
            known = Collections.unmodifiableMap(map);
            all = known;
        }
        return known;
    }

    /** The replacement text of a macro the header defines. */
    public Optional<String> macroText(String name) {
        Macro macro = unit.macros().get(name);
        if (macro == null || macro.builtIn()) {
            return Optional.empty();
        }
        return Optional.of(macro.replacement().stream().map(Token::text).collect(Collectors.joining(" ")));
    }

    public CPrototype prototype(String text) {
        return FrontEnd.prototype(text, new Scope(lookupThrough(scope)));
    }

    public CType typeName(String text) {
        return FrontEnd.typeName(text, new Scope(lookupThrough(scope)));
    }

    private static Scope.Lookup lookupThrough(Scope scope) {
        return new Scope.Lookup() {
            @Override
            public CType typedef(String name) {
                return scope.typedef(name);
            }

            @Override
            public CType tag(String taggedName) {
                return scope.tag(taggedName);
            }
        };
    }

    public List<String> files() {
        return unit.files();
    }

    public List<String> warnings() {
        return unit.warnings();
    }
}
