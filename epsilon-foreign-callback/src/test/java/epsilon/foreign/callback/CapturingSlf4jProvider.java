package epsilon.foreign.callback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' SLF4J 2 backend (registered in {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}): every
 * logger records each event, at every level, with its formatted message, its exception and the thread that logged
 * it, so a test can assert what the module logged. The module itself ships no binding.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {
    /**
     * One logged event.
     *
     * @param logger the logger's name
     * @param level the level it was logged at
     * @param message the message with its {@code {}} placeholders filled in
     * @param thrown the exception logged with it, or {@code null}
     * @param thread the name of the thread that logged it
     */
    record Event(String logger, Level level, String message, Throwable thrown, String thread) {}

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    /** How many of the next logging calls throw {@link #failure}; see {@link #failNext}. */
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static volatile RuntimeException failure;

    /** What the named logger recorded so far, oldest first. */
    static List<Event> events(String logger) {
        return EVENTS.stream().filter(event -> event.logger().equals(logger)).toList();
    }

    /** Forgets every event recorded so far, and any failure still planned by {@link #failNext}. */
    static void clear() {
        EVENTS.clear();
        FAILURES.set(0);
    }

    /**
     * Makes the next {@code count} logging calls, on any logger and thread, throw {@code thrown} instead of recording
     * (a backend that fails: a full disk, a closed appender); a count of 0, or {@link #clear()}, cancels what is
     * left.
     */
    static void failNext(int count, RuntimeException thrown) {
        failure = thrown;
        FAILURES.set(count);
    }

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = CapturingLogger::new;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: events go to a static list
    }

    /** A logger that records; {@link LegacyAbstractLogger} hands it each call with the exception already split off. */
    private static final class CapturingLogger extends LegacyAbstractLogger implements Logger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable thrown) {
            if (FAILURES.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw failure;
            }
            EVENTS.add(new Event(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), thrown,
                    Thread.currentThread().getName()));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
