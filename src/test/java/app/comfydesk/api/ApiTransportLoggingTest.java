package app.comfydesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.channels.ClosedSelectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the HTTP I/O thread's own failures leave in the log (HttpClient's default: ERROR with a trace, each). */
class ApiTransportLoggingTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ApiTransport.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // the error this provokes on purpose stays out of the build's output
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(previous);
    }

    @Test
    void aSelectorClosedUnderTheIoThreadWhileClosingIsOneDebugLineWithoutATrace() {
        ApiTransport.ioThreadFailed(new ClosedSelectorException());

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage()).contains("while the client closed", "ClosedSelectorException");
        });
    }

    @Test
    void anythingElseTheIoThreadThrowsIsAnErrorWithItsTrace() {
        ApiTransport.ioThreadFailed(new IllegalStateException("reactor broke"));

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("reactor broke");
        });
    }
}
