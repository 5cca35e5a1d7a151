package epsilon.foreign;

import epsilon.foreign.marshalling.UnknownLibraryError;
import org.junit.jupiter.api.Assumptions;

/** Tests that need a library beyond libc and libm skip, visibly, where it is not installed. */
final class InstalledLibraries {
    private InstalledLibraries() {}

    static void assumeInstalled(String library) {
        try {
            Foreign.libOpen(library);
        } catch (UnknownLibraryError absent) {
            Assumptions.abort("lib" + library + " is not installed: " + absent.getMessage());
        }
    }
}
