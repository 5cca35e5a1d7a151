package epsilon.foreign.internal.binding;

import epsilon.foreign.marshalling.ForeignError;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How {@link InterfaceBinder} implements interfaces, read from system properties at each bind (binding is not a
 * hot path, and reading per bind lets one JVM compare the modes):
 * <ul>
 *   <li>{@value #MODE_PROPERTY} = {@code generated} (default) | {@code proxy}: a hidden class whose methods
 *       call their handle as a constant, or a {@link java.lang.reflect.Proxy} that calls the same handles
 *       through an {@code InvocationHandler} (boxing every argument; kept as the reference path the tests
 *       also run);</li>
 *   <li>{@value #DUMP_PROPERTY} = a directory: write each generated class there as
 *       {@code epsilon/foreign/internal/binding/<Interface>$Bound<n>.class}, for {@code javap -c -v};</li>
 *   <li>{@value #VERIFY_PROPERTY} = {@code true}: run the class-file verifier over each generated class before
 *       defining it, and fail the bind with the verifier's findings.</li>
 * </ul>
 *
 * @param mode          which implementation to build
 * @param dumpDirectory where to write generated classes, or {@code null}
 * @param verify        whether to verify generated classes
 */
record BindSettings(Mode mode, Path dumpDirectory, boolean verify) {
    static final String MODE_PROPERTY = "epsilon.bind.mode";
    static final String DUMP_PROPERTY = "epsilon.bind.dump";
    static final String VERIFY_PROPERTY = "epsilon.bind.verify";

    /** The two implementations of a bound interface. */
    enum Mode {
        /** A hidden class generated with {@code java.lang.classfile}, its handles loaded as class-data constants. */
        GENERATED,
        /** A {@code java.lang.reflect.Proxy} over the same handles. */
        PROXY
    }

    static BindSettings fromSystemProperties() {
        String mode = System.getProperty(MODE_PROPERTY, "generated").trim().toLowerCase(Locale.ROOT);
        Mode chosen = switch (mode) {
            case "generated" -> Mode.GENERATED;
            case "proxy" -> Mode.PROXY;
            default -> throw new ForeignError("system property " + MODE_PROPERTY + " is '" + mode
                    + "'; it must be 'generated' or 'proxy'", null);
        };
        String dump = System.getProperty(DUMP_PROPERTY);
        return new BindSettings(chosen, dump == null || dump.isBlank() ? null : Path.of(dump),
                Boolean.getBoolean(VERIFY_PROPERTY));
    }
}
