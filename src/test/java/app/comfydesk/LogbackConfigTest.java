package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped logback.xml (not the test one): file in the log folder, warnings only on stderr, stdout untouched. */
class LogbackConfigTest {

    @Test
    void logsGoToTheLogFolderAndOnlyWarningsToStderr() throws Exception {
        Path logFile = LogFolder.current().resolve("comfydesk.log");
        Files.deleteIfExists(logFile);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback.xml"));
            Logger logger = context.getLogger("app.comfydesk.jobs.Poller");
            logger.info("polling 3 jobs");
            logger.warn("status call failed, retrying");
            context.getLogger("org.apache.hc.Wire").info("library chatter");
        } finally {
            context.stop(); // drains the async appender
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(Files.readString(logFile))
                .contains("INFO  [", "polling 3 jobs", "WARN  [", "status call failed")
                .doesNotContain("library chatter");
        assertThat(capturedErr.toString(StandardCharsets.UTF_8))
                .contains("status call failed").doesNotContain("polling 3 jobs");
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).doesNotContain("polling", "status call failed");
    }
}
