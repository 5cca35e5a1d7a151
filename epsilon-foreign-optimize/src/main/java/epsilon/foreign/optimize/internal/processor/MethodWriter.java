package epsilon.foreign.optimize.internal.processor;

import epsilon.foreign.optimize.internal.processor.Plans.Argument;
import epsilon.foreign.optimize.internal.processor.Plans.Method;
import epsilon.foreign.optimize.internal.processor.Plans.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one bound method: the same steps, in the same order, as core's {@code CallHandles} composes into a
 * method handle, here as plain statements. Only the steps a method needs are written: {@code labs(long)} is one
 * {@code invokeExact}.
 * <ol>
 *   <li>nonnull checks, for the C library's functions the known-prototype table describes;</li>
 *   <li>range checks of unsigned values held in wider Java types;</li>
 *   <li>the pending callback failure set aside (calls that take references or varargs);</li>
 *   <li>the call frame, and the conversions that need it (strings, copied arrays, struct views, errno state);</li>
 *   <li>the downcall; the JDK's refusal of a segment translated;</li>
 *   <li>the errno check, arrays and heap views copied back, the result converted;</li>
 *   <li>the frame closed, then a callback's failure during the call rethrown as {@code CallbackError}.</li>
 * </ol>
 */
final class MethodWriter {
    private final Method method;
    private final String holder;
    private final StringBuilder out;
    /** Whether the bound interface is public: {@code Foreign.bind} then makes callbacks without the caller's lookup. */
    private final boolean publicInterface;
    private int depth = 1;

    MethodWriter(Method method, String holder, StringBuilder out, boolean publicInterface) {
        this.method = method;
        this.holder = holder;
        this.out = out;
        this.publicInterface = publicInterface;
    }

    void write() {
        Result result = method.result();
        String parameters = method.arguments().stream().map(a -> a.javaType() + " " + a.name())
                .collect(Collectors.joining(", "));
        line("@Override");
        line("public " + result.javaType() + " " + method.element().getSimpleName() + "(" + parameters + ") {");
        depth++;
        writeChecks();
        boolean callbacks = method.mayCallBack();
        if (callbacks) {
            line("Object pending$ = Conversions.suspendCallbackFailures();");
            line("Throwable thrown$ = null;");
            open("try {");
        }
        if (method.needsFrame()) {
            open("try (BindingFrame frame$ = BindingFrame.open()) {");
        }
        List<String> carriers = new ArrayList<>();
        carriers.add(holder + ".ADDRESS");
        if (method.errno()) {
            line("MemorySegment state$ = frame$.allocate(Linker.Option.captureStateLayout());");
            carriers.add("state$");
        }
        for (Argument argument : method.arguments()) {
            carriers.add(convert(argument));
        }
        List<String> copyBacks = copyBacks();
        if (!copyBacks.isEmpty()) {
            open("try {");
        }
        writeCall(carriers);
        if (!copyBacks.isEmpty()) {
            close("} finally {");
            depth++;
            copyBacks.forEach(this::line);
            close("}");
        }
        if (method.needsFrame()) {
            close("}");
        }
        if (callbacks) {
            close("} catch (RuntimeException | Error failure) {");
            depth++;
            line("thrown$ = failure;");
            line("throw failure;");
            close("} finally {");
            depth++;
            line("Conversions.afterCall(thrown$, pending$, \"" + SourceGenerator.escape(method.symbol()) + "\");");
            close("}");
        }
        close("}");
    }

    private void writeChecks() {
        String symbol = "\"" + SourceGenerator.escape(method.symbol()) + "\"";
        if (SourceGenerator.hasNonnullReference(method)) {
            for (Argument argument : method.arguments()) {
                if (method.nonnull()[argument.index()] && SourceGenerator.isReference(argument)) {
                    open("if (" + holder + ".SYSTEM && Conversions.isNull(" + argument.name() + ")) {");
                    line("throw Conversions.nonnull(" + argument.name() + ", \""
                            + SourceGenerator.escape(argument.type().name()) + "\", " + symbol + ", "
                            + argument.index() + ");");
                    close("}");
                }
            }
        }
        for (Argument argument : method.arguments()) {
            if (argument.conversion() == Plans.ArgumentConversion.UNSIGNED_NARROWING) {
                open("if (" + argument.name() + " >>> " + SourceGenerator.unsignedBits(argument.type()) + " != 0) {");
                line("throw Conversions.outOfRange(" + argument.name() + ", \""
                        + SourceGenerator.escape(argument.type().name()) + "\", " + symbol + ", " + argument.index()
                        + ");");
                close("}");
            }
        }
    }

    /** The expression passed to {@code invokeExact} for one argument, after any statements it needs. */
    private String convert(Argument argument) {
        String name = argument.name();
        String carrier = Layouts.carrier(argument.layout());
        String converted = "c$" + argument.index();
        String site = "\"" + SourceGenerator.escape(method.where() + ": " + argument.label() + " as "
                + argument.type().name()) + "\"";
        String symbol = "\"" + SourceGenerator.escape(method.symbol()) + "\"";
        switch (argument.conversion()) {
            case CAST -> {
                Class<?> java = argument.primitive();
                if (java == null || java.getName().equals(carrier) || !java.isPrimitive()) {
                    return name;
                }
                return java == boolean.class ? "(" + name + " ? 1 : 0)" : "(" + carrier + ") " + name;
            }
            case UNSIGNED_NARROWING -> {
                return "(" + carrier + ") " + name;
            }
            case UNSIGNED_PROMOTION -> {
                return (argument.primitive() == byte.class ? "Byte" : "Short") + ".toUnsignedInt(" + name + ")";
            }
            case STRING -> line("MemorySegment " + converted + " = Conversions.encode(frame$, " + name + ", " + holder
                    + ".CHARSET_" + argument.index() + ", " + site + ");");
            case ARRAY_IN_PLACE -> line("MemorySegment " + converted + " = " + name
                    + " == null ? MemorySegment.NULL : MemorySegment.ofArray(" + name + ");");
            case ARRAY_COPY_IN, ARRAY_COPY_IN_OUT -> line("MemorySegment " + converted + " = " + name
                    + " == null ? MemorySegment.NULL : Conversions.copyIn(frame$, MemorySegment.ofArray(" + name
                    + "), " + TypeRules.elementSize(argument.primitive()) + ");");
            case CALLBACK -> line("MemorySegment " + converted + " = Conversions.callback(" + name + ", " + holder
                    + ".TYPE_" + argument.index() + ", " + symbol + ", " + argument.index() + ");");
            case STRUCT_POINTER -> line("MemorySegment " + converted + " = Conversions.structPointer(frame$, " + name
                    + ", " + holder + ".TYPE_" + argument.index() + ", " + symbol + ", " + argument.index() + ");");
            case CONVERTED -> line("MemorySegment " + converted + " = Conversions.converted(frame$, " + name + ", "
                    + holder + ".TYPE_" + argument.index() + ", " + symbol + ", " + argument.index() + ");");
            case SCOPED_CALLBACK -> line("MemorySegment " + converted + " = Conversions.scopedCallback(frame$, " + name
                    + ", " + SourceGenerator.erasure(argument.javaType()) + ".class, " + holder + ".TYPE_"
                    + argument.index() + ", " + (publicInterface ? "null" : "MethodHandles.lookup()") + ");");
        }
        return converted;
    }

    private List<String> copyBacks() {
        List<String> statements = new ArrayList<>();
        for (Argument argument : method.arguments()) {
            String name = argument.name();
            switch (argument.conversion()) {
                case ARRAY_COPY_IN_OUT -> statements.add("if (" + name + " != null) { MemorySegment.ofArray(" + name
                        + ").copyFrom(c$" + argument.index() + "); }");
                case STRUCT_POINTER -> statements.add("Conversions.copyBack(" + name + ", c$" + argument.index()
                        + ");");
                default -> { }
            }
        }
        return statements;
    }

    private void writeCall(List<String> carriers) {
        Result result = method.result();
        String invoke = holder + ".HANDLE.invokeExact(" + String.join(", ", carriers) + ")";
        boolean isVoid = result.layout() == null;
        String carrier = isVoid ? null : Layouts.carrier(result.layout());
        if (!isVoid) {
            line(carrier + " result$;");
        }
        open("try {");
        line(isVoid ? invoke + ";" : "result$ = (" + carrier + ") " + invoke + ";");
        close("} catch (Throwable failure) {");
        depth++;
        List<Argument> segments = method.arguments().stream()
                .filter(argument -> argument.javaType().equals("MemorySegment")).toList();
        if (segments.isEmpty()) {
            line("throw Conversions.unchecked(failure);");
        } else {
            line("throw Conversions.translate(failure, \"" + SourceGenerator.escape(method.where()) + "\", \""
                    + SourceGenerator.escape(method.symbol()) + "\",");
            line("        new String[] {" + segments.stream().map(a -> "\"" + SourceGenerator.escape(a.label()) + "\"")
                    .collect(Collectors.joining(", ")) + "},");
            line("        new int[] {" + segments.stream().map(a -> String.valueOf(a.index()))
                    .collect(Collectors.joining(", ")) + "},");
            line("        new MemorySegment[] {" + segments.stream().map(Argument::name)
                    .collect(Collectors.joining(", ")) + "});");
        }
        close("}");
        if (method.errno()) {
            open("if (" + (carrier.equals("MemorySegment") ? "result$.address() == 0" : "result$ == -1") + ") {");
            line("throw Conversions.errno(state$, \"" + SourceGenerator.escape(method.symbol()) + "\");");
            close("}");
        }
        if (isVoid) {
            return;
        }
        line("return " + resultExpression(result, carrier) + ";");
    }

    private String resultExpression(Result result, String carrier) {
        return switch (result.conversion()) {
            case CAST -> result.javaType().equals(carrier) ? "result$" : "(" + result.javaType() + ") result$";
            case UNSIGNED_WIDENING -> switch (SourceGenerator.unsignedBits(result.type())) {
                case 8 -> "Byte.toUnsignedInt(result$)";
                case 16 -> "Short.toUnsignedInt(result$)";
                default -> "Integer.toUnsignedLong(result$)";
            };
            case STRING -> method.freedWith() == null
                    ? "Conversions.decode(result$, " + holder + ".CHARSET_RESULT)"
                    : "Conversions.decodeAndFree(result$, " + holder + ".CHARSET_RESULT, " + holder + ".FREE_HANDLE, "
                            + holder + ".FREE)";
            case STRUCT_VIEW -> "Conversions.structView(result$, " + holder + ".STRUCT_RESULT)";
        };
    }

    private void open(String text) {
        line(text);
        depth++;
    }

    private void close(String text) {
        depth--;
        line(text);
    }

    private void line(String text) {
        out.append("    ".repeat(depth)).append(text).append('\n');
    }
}
