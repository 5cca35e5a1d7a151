package epsilon.foreign.optimize.binding;

import epsilon.foreign.optimize.NativeLibrary;

/** A function the C library does not have: refused when bound, in both modes. */
@NativeLibrary("c")
public interface MissingBinding {
    int epsilon_no_such_function(int value);
}
