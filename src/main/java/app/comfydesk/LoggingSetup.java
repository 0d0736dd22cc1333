package app.comfydesk;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The app's logging, found by logback through {@code META-INF/services}: a file in the platform's log folder
 * ({@link LogFolder}), rolled daily and at 10 MB, old ones gzipped, two weeks and 100 MB in all, written by one
 * writer thread that never drops a warning; warnings and up also on stderr (the command line's stdout is clean JSON).
 * HttpClient's header and wire loggers never speak: they log request headers, the bearer token among them.
 *
 * <p>Set up in code rather than from a logback.xml: parsing the XML and wiring it by reflection was about half of
 * logging's start-up cost, on the path to the first filled-in window (docs/BENCHMARKS.md, "Start-up: workflow
 * shown"). A {@code logback-test.xml} on the class path (the tests' console-only set-up) or
 * {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, LogFolder.current());
        // Flush the async queue when the JVM exits (the command line ends with System.exit).
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(context);
        Thread flush = new Thread(hook, "logback shutdown");
        context.putObject(ch.qos.logback.core.CoreConstants.SHUTDOWN_HOOK_THREAD, flush);
        Runtime.getRuntime().addShutdownHook(flush);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up to log into {@code folder}; tests pass a folder of their own. */
    static void configure(LoggerContext context, Path folder) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(folder.resolve("comfydesk.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(folder.resolve("comfydesk.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();

        // The UI and the poller log from many threads; the writer thread keeps file I/O off them.
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC_FILE");
        async.setQueueSize(1024);
        async.setDiscardingThreshold(0);
        async.addAppender(file);
        async.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setContext(context);
        warnings.setLevel("WARN");
        warnings.start();
        stderr.addFilter(warnings);
        stderr.setEncoder(encoder(context, CONSOLE_PATTERN));
        stderr.start();

        context.getLogger("app.comfydesk").setLevel(Level.INFO);
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.OFF);
        context.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.OFF);
        // Jetty (the sandbox's server) logs its start and stop at INFO on every launch: only problems matter here.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(async);
        root.addAppender(stderr);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
