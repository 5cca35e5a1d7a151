package epsilon.foreign.optimize.internal.processor;

import epsilon.foreign.optimize.internal.processor.MethodPlanner.Refusal;
import epsilon.foreign.optimize.internal.processor.Plans.Interface;
import epsilon.foreign.optimize.internal.processor.Plans.Method;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The annotation processor javac finds in {@code epsilon-foreign-optimize} (service file and module {@code provides}):
 * for each interface annotated {@code @NativeLibrary}, it plans every method as {@code Foreign.bind} would
 * ({@link MethodPlanner}), reports each method it cannot bind as a compile error on that method, and otherwise
 * writes the binding's source ({@link SourceGenerator}); at the end of the compilation it writes the native-image
 * metadata of all of them ({@link MetadataWriter}). An adapter over the planner and writers, which know nothing of
 * javac's rounds. It never throws: a failure of its own is reported as an error on the interface.
 *
 * <p>Options: {@value #GROUP_OPTION} and {@value #ARTIFACT_OPTION} name the metadata's directory,
 * {@code META-INF/native-image/<groupId>/<artifactId>/reachability-metadata.json}.
 */
public final class BindingProcessor extends AbstractProcessor {
    static final String ANNOTATION = "epsilon.foreign.optimize.NativeLibrary";
    static final String GROUP_OPTION = "epsilon.optimize.groupId";
    static final String ARTIFACT_OPTION = "epsilon.optimize.artifactId";

    private final MetadataWriter metadata = new MetadataWriter();
    private final Set<String> packages = new TreeSet<>();

    /** Made by javac through the service file. */
    public BindingProcessor() {}

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // The method annotations are this processor's to read too: claimed, so -Xlint:processing is quiet.
        return Set.of(ANNOTATION, "epsilon.foreign.NativeType", "epsilon.foreign.CFunction", "epsilon.foreign.Errno",
                "epsilon.foreign.Critical", "epsilon.foreign.Variadic", "epsilon.foreign.Encoding",
                "epsilon.foreign.FreedWith");
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(GROUP_OPTION, ARTIFACT_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                try {
                    bind(element);
                } catch (RuntimeException | LinkageError bug) {
                    error("epsilon-foreign-optimize could not process this interface (" + bug + "); please report it",
                            element);
                }
            }
        }
        if (round.processingOver() && !metadata.isEmpty()) {
            writeMetadata();
        }
        return true;
    }

    private void bind(Element element) {
        String name = element instanceof TypeElement type ? type.getQualifiedName().toString() : element.toString();
        String problem = element.getKind() != ElementKind.INTERFACE
                ? (element.getKind() == ElementKind.ANNOTATION_TYPE ? "it is an annotation type"
                : "it is a " + element.getKind().toString().toLowerCase(java.util.Locale.ROOT) + ", not an interface")
                : element.getModifiers().contains(Modifier.SEALED) ? "it is sealed, so no generated class may"
                        + " implement it"
                : element.getModifiers().contains(Modifier.PRIVATE) ? "it is private, so no class of its package"
                        + " may implement it"
                : !((TypeElement) element).getTypeParameters().isEmpty() ? "it is generic; C functions have fixed"
                        + " types, so declare an interface without type parameters"
                : element.getEnclosingElement().getKind() != ElementKind.PACKAGE
                        && element.getEnclosingElement().getModifiers().contains(Modifier.PRIVATE)
                        ? "it is nested in a private class" : null;
        if (problem != null) {
            error("cannot bind " + name + ": " + problem + "; declare the C functions as methods of an interface",
                    element);
            return;
        }
        TypeElement type = (TypeElement) element;
        String library = library(type);
        if (library == null || library.isBlank()) {
            error("cannot bind " + name + ": @NativeLibrary names no library", element);
            return;
        }
        Elements elements = processingEnv.getElementUtils();
        MethodPlanner planner = new MethodPlanner(new JavaTypes(elements));
        List<Method> methods = new ArrayList<>();
        boolean refused = false;
        for (ExecutableElement method : abstractMethods(type, elements)) {
            try {
                methods.add(planner.plan(type, method));
            } catch (Refusal refusal) {
                error(refusal.getMessage(), method.getEnclosingElement().equals(type) ? method : type);
                refused = true;
            }
        }
        if (refused) {
            return;
        }
        methods.sort(Comparator.comparing(Method::where));
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String nested = packageName.isEmpty() ? type.getQualifiedName().toString()
                : type.getQualifiedName().toString().substring(packageName.length() + 1);
        Interface binding = new Interface(type, library, packageName, nested.replace('.', '_') + "Native", nested,
                methods);
        String qualified = packageName.isEmpty() ? binding.generatedName() : packageName + "." + binding.generatedName();
        try (Writer writer = processingEnv.getFiler().createSourceFile(qualified, type).openWriter()) {
            writer.write(SourceGenerator.generate(binding));
        } catch (IOException failed) {
            error("cannot write " + qualified + ": " + failed.getMessage(), type);
            return;
        }
        metadata.add(binding);
        packages.add(packageName.isEmpty() ? "default" : packageName);
    }

    private static String library(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) {
                Object value = MethodPlanner.value(mirror, "value");
                return value instanceof String text ? text : null;
            }
        }
        return null;
    }

    /**
     * The methods to implement: abstract, not static or default, not {@code Object}'s, each once (the compiler
     * already merged overrides).
     */
    private static List<ExecutableElement> abstractMethods(TypeElement type, Elements elements) {
        Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (method.getModifiers().contains(Modifier.ABSTRACT) && !JavaTypes.isObjectMethod(method)) {
                String signature = method.getSimpleName() + method.getParameters().stream()
                        .map(p -> p.asType().toString()).collect(Collectors.joining(",", "(", ")"));
                bySignature.putIfAbsent(signature, method);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    private void writeMetadata() {
        Map<String, String> options = processingEnv.getOptions();
        String group = options.getOrDefault(GROUP_OPTION, "epsilon-foreign-optimize");
        String artifact = options.getOrDefault(ARTIFACT_OPTION, packages.iterator().next());
        String path = "META-INF/native-image/" + group + "/" + artifact + "/reachability-metadata.json";
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path);
            try (Writer writer = file.openWriter()) {
                writer.write(metadata.json());
            }
        } catch (IOException | IllegalArgumentException failed) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + path + ": "
                    + failed.getMessage());
        }
    }

    private void error(String message, Element element) {
        Messager messager = processingEnv.getMessager();
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
