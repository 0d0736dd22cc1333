package app.comfydesk.cli;

import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxDurations;
import app.comfydesk.sandbox.SandboxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code comfydesk sandbox}: runs the built-in RunComfy-compatible server until the process is stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run the built-in local RunComfy-compatible server (the sandbox) until stopped with Ctrl+C.",
            "It prints its base URL and token; use them with `run --base-url` or any HTTP client."})
public final class SandboxCommand implements Callable<Integer> {

    /** The default port: next to ComfyUI's 8188, so the printed URL stays the same between runs. */
    static final int DEFAULT_PORT = 8189;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks "
            + "a free one).", defaultValue = "" + DEFAULT_PORT)
    int port;

    @Option(names = "--workers", paramLabel = "N", description = "Requests run at once (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int workers;

    @Option(names = "--home", paramLabel = "DIR", description = "Sandbox home with deployments/<id>/workflow_api.json "
            + "and input/ (default: the app's data folder /sandbox).")
    Path home;

    @Option(names = "--token", paramLabel = "TEXT", description = "Accept this token instead of the random one kept "
            + "in the home (e.g. sandbox).")
    String token;

    @Option(names = "--queue-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Minimum time a request waits in the queue (default ${DEFAULT-VALUE}).",
            defaultValue = "500ms")
    Duration queueTime;

    @Option(names = "--run-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Minimum time a request runs (default ${DEFAULT-VALUE}).", defaultValue = "2s")
    Duration runTime;

    @Option(names = "--latency", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay added to every answer (default ${DEFAULT-VALUE}).", defaultValue = "0ms")
    Duration latency;

    @Option(names = "--retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long hosted outputs stay downloadable (default ${DEFAULT-VALUE}).", defaultValue = "7d")
    Duration retention;

    private final CountDownLatch stop;

    public SandboxCommand() {
        this(new CountDownLatch(1));
    }

    /** For tests: the command returns when {@code stop} is released instead of running until killed. */
    SandboxCommand(CountDownLatch stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sandboxHome = home != null ? home : AppDirectories.detect().data().resolve("sandbox");
        SandboxConfig config;
        try {
            SandboxConfig.Builder builder = SandboxConfig.builder(sandboxHome).port(port).workers(workers)
                    .queueTime(queueTime).runTime(runTime).latency(latency).retention(retention);
            if (token != null) {
                builder.token(token);
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            err.println("error: cannot start the sandbox: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        SandboxServer server;
        try {
            server = SandboxServer.start(config);
        } catch (BindException e) {
            err.println("error: cannot start the sandbox: port " + port + " on 127.0.0.1 is already in use. Stop the "
                    + "other program or pass --port 0 for a free port.");
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err.println("error: cannot start the sandbox in " + sandboxHome + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        Thread hook = new Thread(server::close, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("ComfyDesk sandbox is running.");
        out.println("  Base URL:    " + server.baseUri());
        out.println("  Token:       " + server.token());
        out.println("  Home:        " + server.home());
        out.println("  Deployments: " + String.join(", ", server.deployments()));
        out.println("Try it:");
        out.println("  RUNCOMFY_TOKEN=" + server.token() + " java -jar comfydesk.jar run sample-txt2img.json"
                + " --base-url " + server.baseUri() + " --deployment sample-txt2img --out ./outputs");
        out.println("  (the workflow file is " + server.home().resolve("deployments/sample-txt2img/workflow_api.json")
                + ")");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        try {
            stop.await();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook closes the server too
            }
        }
        return ExitCodes.SUCCEEDED;
    }

    /** Durations as {@code 250ms}, {@code 2s}, {@code 7d}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return SandboxDurations.parse(value);
        }
    }
}
