package app.comfydesk.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logback logs (app.comfydesk at DEBUG) while open. */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Logger app;
    private final Level previous;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        app = context.getLogger("app.comfydesk");
        previous = app.getLevel();
        app.setLevel(Level.DEBUG);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Every captured line, formatted message plus any exception text. */
    public String text() {
        // The appender adds under its own lock (AppenderBase.doAppend); read under it so another thread can log.
        synchronized (appender) {
            return lines();
        }
    }

    private String lines() {
        return appender.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
    }

    public int size() {
        return appender.list.size();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        app.setLevel(previous);
    }
}
