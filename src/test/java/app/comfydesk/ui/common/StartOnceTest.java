package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sandbox's start: a newcomer start and a menu click while it boots share one server, and it is closed. */
class StartOnceTest {

    private final ScriptedBackgroundExecutor executor = new ScriptedBackgroundExecutor();
    private final AtomicInteger starts = new AtomicInteger();
    private final List<Server> servers = new ArrayList<>();

    private final class Server implements AutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private Server startServer() {
        starts.incrementAndGet();
        Server server = new Server();
        servers.add(server);
        return server;
    }

    @Test
    void twoCallersWhileItStartsShareOneStart() throws Exception {
        StartOnce<Server> sandbox = new StartOnce<>(executor, this::startServer);
        List<Server> seen = new ArrayList<>();
        sandbox.start().onSuccess(seen::add);
        sandbox.start().onSuccess(seen::add);
        executor.runAll();
        sandbox.start().onSuccess(seen::add);

        assertThat(starts).hasValue(1);
        assertThat(seen).hasSize(3).containsOnly(servers.get(0));
        sandbox.close();
        assertThat(servers.get(0).closed).isTrue();
    }

    @Test
    void aFailedStartMayBeTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        StartOnce<Server> sandbox = new StartOnce<>(executor, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new java.io.IOException("port taken");
            }
            return startServer();
        });
        List<String> errors = new ArrayList<>();
        sandbox.start().onError(error -> errors.add(error.message()));
        executor.runAll();
        sandbox.start();
        executor.runAll();

        assertThat(errors).hasSize(1);
        assertThat(sandbox.started()).isSameAs(servers.get(0));
    }

    @Test
    void aStartThatFinishesAfterCloseIsClosedAtOnce() throws Exception {
        StartOnce<Server> sandbox = new StartOnce<>(executor, this::startServer);
        sandbox.start();
        sandbox.close();
        executor.runAll();

        assertThat(servers).singleElement().satisfies(server -> assertThat(server.closed).isTrue());
        assertThat(sandbox.started()).isNull();
    }
}
