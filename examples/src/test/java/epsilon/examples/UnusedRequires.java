package epsilon.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;

/**
 * The {@code requires} of a module that its classes do not use, as jdeps tells them: {@code jdeps --check} prints
 * the descriptor the module needs ("Suggested module descriptor"), and a declared {@code requires} missing from it
 * is unused. A dependency declared and unused hides the real graph and drags a module onto users' paths.
 */
final class UnusedRequires {
    private UnusedRequires() {}

    /** One line per unused {@code requires} of {@code module}, found on {@code modulePath}. */
    static List<String> of(ModuleDescriptor module, String modulePath) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "the JDK running the tests has no jdeps"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", "25",
                "--module-path", modulePath, "--check", module.name());
        if (status != 0) {
            throw new IllegalStateException("jdeps --check " + module.name() + " failed: " + out);
        }
        Set<String> needed = suggested(out.toString());
        List<String> unused = new ArrayList<>();
        for (ModuleDescriptor.Requires requires : module.requires()) {
            if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED)
                    && !needed.contains(requires.name())) {
                unused.add(module.name() + " requires " + requires.name() + " but uses nothing of it");
            }
        }
        return unused;
    }

    /** The module names of the "Suggested module descriptor" section of jdeps' report. */
    static Set<String> suggested(String report) {
        Set<String> names = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : report.lines().toList()) {
            String text = line.strip();
            if (text.startsWith("[")) {
                inSection = text.startsWith("[Suggested module descriptor");
                continue;
            }
            if (inSection && text.startsWith("requires ")) {
                String[] words = text.replace(";", "").split("\\s+");
                names.add(words[words.length - 1]);
            }
        }
        return names;
    }
}
