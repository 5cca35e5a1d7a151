package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.ParseError;
import epsilon.foreign.marshalling.internal.source.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Preprocesses with an installed C preprocessor instead of the built-in one: {@code cpp}, or a command such as
 * {@code gcc -E} or {@code clang -E}, run with the configuration's {@code -iquote}, {@code -I}, {@code -D} and
 * {@code -U} options and {@code -dD -E}. Its output becomes a {@link PreprocessedUnit} like the built-in
 * preprocessor's (see {@link CppOutput} for what is read from it). The compiler's own predefined macros and
 * system headers apply, not the configuration's: that is the point of choosing it.
 *
 * <p>A failure of the command is a {@link ParseError} carrying its first error's file, line and column. Each call
 * runs a new process; an instance is immutable and thread-safe.
 */
public final class ExternalPreprocessor {
    /** How long one run may take before it is stopped. */
    private static final long TIMEOUT_SECONDS = 120;

    private final List<String> command;
    private final PreprocessorConfig config;

    /**
     * @param command the command and its first arguments, separated by spaces ({@code cpp}, {@code gcc -E})
     * @param config  the options to pass (directories and user macros); its predefined macros and system
     *                directories are not used
     */
    public ExternalPreprocessor(String command, PreprocessorConfig config) {
        this.command = split(command);
        this.config = config;
    }

    /** Whether {@code command} runs here: {@code command --version} exits with 0 within ten seconds. */
    public static boolean isAvailable(String command) {
        List<String> cmd = new ArrayList<>(split(command));
        cmd.add("--version");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Preprocesses {@code text}, given to the command on standard input and named {@code sourceName} in
     * positions; the command runs in {@code directory} (when not null), where {@code #include "x.h"} then looks
     * first.
     */
    public PreprocessedUnit preprocessText(String sourceName, String text, Path directory) {
        List<String> cmd = arguments();
        cmd.add("-");
        return execute(cmd, text, directory, sourceName);
    }

    /** Preprocesses the file {@code file}. */
    public PreprocessedUnit preprocessFile(Path file) {
        List<String> cmd = arguments();
        cmd.add(file.toString());
        return execute(cmd, null, null, file.toString());
    }

    private List<String> arguments() {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("-dD");
        cmd.add("-E");
        config.quoteDirectories().forEach(d -> {
            cmd.add("-iquote");
            cmd.add(d.toString());
        });
        config.includeDirectories().forEach(d -> {
            cmd.add("-I");
            cmd.add(d.toString());
        });
        config.userMacros().forEach(m -> cmd.add(m.commandLine()));
        return cmd;
    }

    private PreprocessedUnit execute(List<String> cmd, String stdin, Path directory, String sourceName) {
        SourcePosition start = new SourcePosition(sourceName, 1, 1);
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("epsilon-cpp", ".out");
            err = Files.createTempFile("epsilon-cpp", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                in = Files.createTempFile("epsilon-cpp", ".c");
                Files.writeString(in, stdin, StandardCharsets.UTF_8);
                pb.redirectInput(in.toFile());
            } else {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw Errors.at(start, String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                ParseError e = CppOutput.error(stderr, sourceName);
                if (e != null) {
                    throw e;
                }
                String first = stderr.lines().findFirst().orElse("no message");
                throw Errors.at(start, String.join(" ", cmd) + " failed with exit code " + p.exitValue() + ": "
                        + first);
            }
            return CppOutput.read(stdout, stderr, sourceName, config.limits());
        } catch (IOException e) {
            throw Errors.at(start, "cannot run " + String.join(" ", cmd) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.at(start, "interrupted while running " + String.join(" ", cmd));
        } finally {
            delete(in);
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the result is what matters
            }
        }
    }

    private static List<String> split(String command) {
        List<String> parts = Arrays.stream(command.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty preprocessor command");
        }
        return parts;
    }
}
