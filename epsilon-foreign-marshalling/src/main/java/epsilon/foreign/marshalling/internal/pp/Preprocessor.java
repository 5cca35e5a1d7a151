package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.SourcePosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The C preprocessor of the library's C front end (C17 6.10 with the GNU extensions system headers use), in pure
 * Java: it reads a file or a text with the headers it includes and gives the expanded tokens and the final macro
 * table ({@link PreprocessedUnit}). Given the same predefined macros and search path it produces what gcc's
 * {@code cpp} produces, token for token.
 *
 * {@snippet :
 * Preprocessor pp = new Preprocessor(PreprocessorConfig.host());
 * PreprocessedUnit unit = pp.preprocessText("<string>", "#include <zlib.h>\n", null);
 * unit.macros().get("Z_OK").replacementText();   // "0"
 * }
 *
 * <p>Every failure, from a missing header to a macro bomb, is a {@link ParseError} whose message starts with the
 * position. An instance is immutable and thread-safe: each run starts from the configured macros with state of
 * its own.
 */
public final class Preprocessor {
    private final PreprocessorConfig config;
    private final HeaderSearch search;
    private final List<Macro> initial;
    private final List<PreprocessorConfig.MacroOption> options;

    /** A preprocessor for {@code config}; its predefined macros are parsed here, once. */
    public Preprocessor(PreprocessorConfig config) {
        this.config = config;
        this.search = new HeaderSearch(config);
        List<Macro> macros = new ArrayList<>();
        for (String definition : config.predefinedMacros()) {
            macros.add(DefineParser.parseText(definition, SourcePosition.BUILT_IN, true));
        }
        this.initial = List.copyOf(macros);
        this.options = config.userMacros();
        for (PreprocessorConfig.MacroOption option : options) {
            if (!option.isUndefine()) {
                DefineParser.parseText(optionText(option), MacroTable.COMMAND_LINE, false);
            }
        }
    }

    /** The configuration this preprocessor was made with. */
    public PreprocessorConfig config() {
        return config;
    }

    /**
     * Preprocesses {@code text}.
     *
     * @param sourceName the name positions carry ({@code <string>}, or a file name)
     * @param directory  where {@code #include "x.h"} looks first, or null for nowhere before the quote directories
     */
    public PreprocessedUnit preprocessText(String sourceName, String text, Path directory) {
        HeaderFile main = new HeaderFile(sourceName, sourceName, null, -1);
        return newRun().run(main, text, directory);
    }

    /** Preprocesses the file {@code file}, named in positions as given. */
    public PreprocessedUnit preprocessFile(Path file) {
        SourcePosition start = new SourcePosition(file.toString(), 1, 1);
        if (!Files.isRegularFile(file)) {
            throw Errors.at(start, "no such file: " + file);
        }
        HeaderFile main = HeaderFile.onDisk(file, file.toString(), -1);
        String text = main.read(config.limits().maxFileSize(), start);
        Path parent = file.getParent();
        return newRun().run(main, text, parent == null ? Path.of("") : parent);
    }

    private TranslationRun newRun() {
        MacroTable table = new MacroTable();
        for (Macro m : initial) {
            table.define(m);
        }
        List<String> warnings = new ArrayList<>();
        for (PreprocessorConfig.MacroOption option : options) {
            if (option.isUndefine()) {
                table.undefine(option.name());
            } else {
                table.define(DefineParser.parseText(optionText(option), MacroTable.COMMAND_LINE, false))
                        .ifPresent(warnings::add);
            }
        }
        TranslationRun run = new TranslationRun(config, search, table);
        run.warnings.addAll(warnings);
        return run;
    }

    private static String optionText(PreprocessorConfig.MacroOption option) {
        return option.name() + " " + option.value();
    }
}
