package epsilon.foreign.internal.binding;

import epsilon.foreign.Library;
import epsilon.foreign.internal.NativeLibrary;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Implements an interface whose abstract methods declare C functions, against one library (the engine of
 * {@code Foreign.bind}). At bind time, every method is planned and checked ({@link MethodPlanner}), its symbol
 * resolved, and its complete call built as one method handle ({@link CallHandles}); then a hidden class
 * ({@link HiddenClassGenerator}) or, with {@code epsilon.bind.mode=proxy}, a {@link java.lang.reflect.Proxy}
 * ({@link ProxyBinding}) implements the interface over those handles. Nothing is looked up per call.
 *
 * <p>Each bind makes a new class: bind once and keep the instance, typically in a {@code static final} field.
 * The instance stays tied to the {@link Library} it was bound to: once that library is closed, every call throws
 * {@code ClosedLibraryError}, and an interface bound to a library reopened later must be bound again.
 */
public final class InterfaceBinder {
    private InterfaceBinder() {}

    /**
     * An implementation of {@code type} calling into {@code library}.
     *
     * @throws ForeignError naming the interface, the method and the problem, when {@code type} is not a public
     *         interface this module can implement, or a method cannot be bound (a Java type without C mapping, an
     *         annotation that does not fit); {@link UnknownSymbolError} when the library lacks a function
     */
    public static <T> T bind(Class<T> type, Library library) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(library, "library");
        checkImplementable(type);
        return implement(type, library, null);
    }

    /**
     * An implementation of {@code type} defined with the caller's {@code lookup}, for an interface this module
     * cannot implement itself (not public, or in a package not exported to it).
     *
     * @throws ForeignError when {@code lookup} has not full privilege access in {@code type}'s package
     */
    public static <T> T bind(Class<T> type, Library library, MethodHandles.Lookup lookup) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(lookup, "lookup");
        checkInterface(type);
        String problem = !lookup.hasFullPrivilegeAccess() ? "the lookup of " + lookup.lookupClass().getName()
                        + " has not full privilege access (use MethodHandles.lookup() itself, not a teleported one)"
                : !lookup.lookupClass().getPackageName().equals(type.getPackageName())
                        || lookup.lookupClass().getClassLoader() != type.getClassLoader()
                        ? "the lookup is of " + lookup.lookupClass().getName() + ", which is not in the interface's"
                        + " package; call MethodHandles.lookup() in a class of package " + type.getPackageName()
                : null;
        if (problem != null) {
            throw new ForeignError("cannot bind " + type.getName() + ": " + problem, null);
        }
        return implement(type, library, lookup);
    }

    private static <T> T implement(Class<T> type, Library library, MethodHandles.Lookup lookup) {
        BindSettings settings = BindSettings.fromSystemProperties();
        NativeLibrary nativeLibrary = (NativeLibrary) library;
        List<NativeMethod> methods = new ArrayList<>(); // a loop, not a stream: no class spun on a first call
        for (Method method : abstractMethods(type)) {
            methods.add(MethodPlanner.plan(type, method));
        }
        List<MethodHandle> handles = new ArrayList<>(methods.size());
        for (NativeMethod method : methods) {
            handles.add(CallHandles.of(method, nativeLibrary, address(method, library), lookup));
        }
        String description = type.getSimpleName() + " bound to " + library.name() + " (" + library.loadedAs() + ")";
        Object implementation = lookup != null
                ? HiddenClassGenerator.instantiate(type, methods, handles, description, settings, lookup)
                : settings.mode() == BindSettings.Mode.PROXY || !HiddenClassGenerator.canImplement(type)
                ? ProxyBinding.create(type, methods, handles, description)
                : HiddenClassGenerator.instantiate(type, methods, handles, description, settings,
                        HiddenClassGenerator.OWN_LOOKUP);
        return type.cast(implementation);
    }

    private static void checkInterface(Class<?> type) {
        String problem = !type.isInterface() ? "it is a class, not an interface"
                : type.isAnnotation() ? "it is an annotation type"
                : type.isSealed() ? "it is sealed, so no generated class may implement it"
                : null;
        if (problem != null) {
            throw new ForeignError("cannot bind " + type.getName() + ": " + problem
                    + "; declare the C functions as methods of an interface", null);
        }
    }

    private static void checkImplementable(Class<?> type) {
        checkInterface(type);
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new ForeignError("cannot bind " + type.getName() + ": it is not public, and the implementation is"
                    + " generated in module epsilon.foreign, which can only implement public interfaces; make it"
                    + " public or pass MethodHandles.lookup() from its package: Foreign.bind(type, library,"
                    + " MethodHandles.lookup())", null);
        }
        Module self = InterfaceBinder.class.getModule();
        Module owner = type.getModule();
        if (!owner.isExported(type.getPackageName(), self)) {
            throw new ForeignError("cannot bind " + type.getName() + ": module " + owner.getName()
                    + " does not export package " + type.getPackageName() + " to epsilon.foreign; add 'exports "
                    + type.getPackageName() + " to epsilon.foreign;' to its module-info", null);
        }
        if (self.isNamed() && !self.canRead(owner)) {
            self.addReads(owner);
        }
    }

    /**
     * The methods to implement: abstract, non-static, not {@code Object}'s, in a stable order. A method inherited
     * from two superinterfaces is implemented once (the same name, parameters and return type are one method to
     * the JVM too).
     */
    private static List<Method> abstractMethods(Class<?> type) {
        Map<String, Method> byDescriptor = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !isObjectMethod(method)) {
                String descriptor = MethodPlanner.describe(type, method) + method.getReturnType().getName();
                byDescriptor.putIfAbsent(descriptor, method);
            }
        }
        // sorted by their descriptions, in a TreeMap rather than by a comparator lambda spun on a first call
        Map<String, Method> sorted = new TreeMap<>();
        for (Map.Entry<String, Method> entry : byDescriptor.entrySet()) {
            sorted.put(entry.getKey(), entry.getValue());
        }
        return new ArrayList<>(sorted.values());
    }

    /** Whether {@code method} is one of {@code Object}'s public methods, redeclared (equals, hashCode, toString). */
    static boolean isObjectMethod(Method method) {
        // by hand: Object.getMethod would load the JDK's public-method search (streams, collectors) on a first bind,
        // and Object's other public methods are final, which an interface cannot redeclare
        Class<?>[] parameters = method.getParameterTypes();
        return switch (method.getName()) {
            case "equals" -> parameters.length == 1 && parameters[0] == Object.class;
            case "hashCode", "toString" -> parameters.length == 0;
            default -> false;
        };
    }

    private static MemorySegment address(NativeMethod method, Library library) {
        try {
            return library.function(method.symbol());
        } catch (UnknownSymbolError missing) {
            throw new UnknownSymbolError("cannot bind " + method.where() + ": " + missing.getMessage()
                    + "; name the C function with @CFunction(\"...\") if it differs from the method", method.symbol());
        }
    }
}
