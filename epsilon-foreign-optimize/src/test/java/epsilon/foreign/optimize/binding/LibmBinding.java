package epsilon.foreign.optimize.binding;

import epsilon.foreign.Critical;
import epsilon.foreign.optimize.NativeLibrary;

/** libm through a generated binding: doubles, floats, critical calls. */
@NativeLibrary("m")
public interface LibmBinding {
    double cos(double x);

    @Critical
    double sqrt(double x);

    float sinf(float x);

    double ldexp(double x, int exponent);
}
