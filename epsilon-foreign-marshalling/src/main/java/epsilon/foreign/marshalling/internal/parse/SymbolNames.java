package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.internal.NativeLayouts;

/**
 * The name a symbol lookup needs from an {@code __asm__("name")} label. On platforms whose C symbols carry a leading
 * underscore (macOS), the label includes it ({@code "_fopen"}) but {@code dlsym} wants the C name, so it is dropped.
 */
final class SymbolNames {
    private SymbolNames() {}

    static String fromAsmLabel(String label) {
        return NativeLayouts.MAC && label.startsWith("_") ? label.substring(1) : label;
    }
}
