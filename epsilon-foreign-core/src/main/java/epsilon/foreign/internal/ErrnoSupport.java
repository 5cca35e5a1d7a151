package epsilon.foreign.internal;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.internal.convert.CapturedErrno;

/** The errno policy's check at declaration; the errno rule itself is marshalling's {@link CapturedErrno}. */
final class ErrnoSupport {
    private ErrnoSupport() {}

    /** Whether THROW can tell failure from success for this return type; refuses it at declaration if not. */
    static void checkThrowable(String function, CType returnType) {
        if (!CapturedErrno.hasFailureValue(returnType)) {
            throw new ForeignError("errno policy THROW needs a return type with a failure value (a signed integer,"
                    + " which fails as -1, or a pointer, which fails as NULL); " + function + " returns "
                    + returnType.name() + ": use ErrnoPolicy.RETURN", function);
        }
    }
}
