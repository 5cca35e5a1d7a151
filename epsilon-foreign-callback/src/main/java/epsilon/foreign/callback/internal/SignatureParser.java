package epsilon.foreign.callback.internal;

import epsilon.foreign.callback.CallbackSignature;
import epsilon.foreign.callback.CallbackSignatureException;
import epsilon.foreign.callback.CallbackType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads C function-pointer types and prototypes: {@code "int (*)(const void *, const void *)"},
 * {@code "int (*cmp)(const void *, const void *)"}, {@code "int cmp(const void *a, const void *b)"}.
 * Only what a callback signature needs; full C declarations are the marshalling module's business.
 */
public final class SignatureParser {
    private SignatureParser() {}

    public static CallbackSignature parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CallbackSignatureException("empty callback signature");
        }
        String body = text.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        if (!body.endsWith(")")) {
            throw new CallbackSignatureException("cannot read callback signature '" + text.strip()
                    + "': expected a parameter list in parentheses at the end, as in 'int (*)(int, int)'");
        }
        int open = matchingOpen(body, body.length() - 1, text);
        String parameterList = body.substring(open + 1, body.length() - 1).strip();
        String head = body.substring(0, open).strip();
        if (head.endsWith(")")) {
            // "int (*name)": drop the declarator in parentheses
            int declaratorOpen = matchingOpen(head, head.length() - 1, text);
            String declarator = head.substring(declaratorOpen + 1, head.length() - 1).strip();
            if (!declarator.matches("\\*\\s*[A-Za-z_0-9]*")) {
                throw new CallbackSignatureException("cannot read callback signature '" + text.strip()
                        + "': expected (*) or (*name), found (" + declarator + ")");
            }
            head = head.substring(0, declaratorOpen).strip();
        }
        if (head.isEmpty()) {
            throw new CallbackSignatureException("callback signature '" + text.strip() + "' has no result type");
        }
        CallbackType result = CTypeNames.parse(head, "the result of '" + text.strip() + "'");
        return new CallbackSignature(result, parameters(parameterList, text.strip()));
    }

    private static List<CallbackType> parameters(String list, String text) {
        List<CallbackType> types = new ArrayList<>();
        if (list.isEmpty() || list.equals("void")) {
            return types;
        }
        for (String parameter : splitTopLevel(list)) {
            if (parameter.strip().equals("...")) {
                throw new CallbackSignatureException("variadic callbacks are not supported: '" + text + "'");
            }
            CallbackType type = CTypeNames.parse(parameter, "parameter " + types.size() + " of '" + text + "'");
            if (type instanceof CallbackType.Void) {
                throw new CallbackSignatureException("parameter " + types.size() + " of '" + text + "' is void");
            }
            types.add(type);
        }
        return types;
    }

    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    private static int matchingOpen(String s, int close, String text) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        throw new CallbackSignatureException("cannot read callback signature '" + text.strip()
                + "': unbalanced parentheses");
    }
}
