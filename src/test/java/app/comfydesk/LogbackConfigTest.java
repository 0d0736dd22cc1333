package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped logging set-up (not the tests' logback-test.xml): a file in the log folder, warnings only on stderr,
 * stdout untouched, HttpClient's header and wire loggers off; found by logback as a service.
 */
class LogbackConfigTest {

    @Test
    void logsGoToTheLogFolderAndOnlyWarningsToStderr(@TempDir Path folder) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            // The console appender takes System.err when it starts: swap the streams first.
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            LoggingSetup.configure(context, folder);
            assertThat(context.getLogger("org.apache.hc.client5.http.headers").getLevel()).isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.apache.hc.client5.http.wire").getLevel()).isEqualTo(Level.OFF);
            Logger logger = context.getLogger("app.comfydesk.jobs.Poller");
            logger.info("polling 3 jobs");
            logger.warn("status call failed, retrying");
            context.getLogger("org.apache.hc.Wire").info("library chatter");
            context.getLogger("org.eclipse.jetty.server.Server").info("Started");
        } finally {
            context.stop(); // drains the async appender
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(Files.readString(folder.resolve("comfydesk.log")))
                .contains("INFO  [", "polling 3 jobs", "WARN  [", "status call failed")
                .doesNotContain("library chatter", "Started");
        assertThat(capturedErr.toString(StandardCharsets.UTF_8))
                .contains("status call failed").doesNotContain("polling 3 jobs");
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).doesNotContain("polling", "status call failed");
    }

    @Test
    void logbackFindsItAsAServiceAndItStepsAsideForTheTestsOwnFile() {
        assertThat(ServiceLoader.load(Configurator.class)).hasAtLeastOneElementOfType(LoggingSetup.class);
        LoggingSetup setup = new LoggingSetup();
        LoggerContext context = new LoggerContext();
        setup.setContext(context);
        // The test class path has logback-test.xml, which is then what configures logging.
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
