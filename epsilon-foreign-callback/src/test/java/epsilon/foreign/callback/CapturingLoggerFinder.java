package epsilon.foreign.callback;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The tests' System.Logger backend (registered in META-INF/services): records what the module logs, so a test can
 * assert that a failure on a foreign thread is logged rather than lost.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
    /** One logged event. */
    record Entry(String logger, System.Logger.Level level, String message, Throwable thrown) {}

    static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                ENTRIES.add(new Entry(name, level, message, thrown));
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                ENTRIES.add(new Entry(name, level, format, null));
            }

            @Override
            public void log(Level level, Supplier<String> supplier, Throwable thrown) {
                ENTRIES.add(new Entry(name, level, supplier.get(), thrown));
            }
        };
    }
}
