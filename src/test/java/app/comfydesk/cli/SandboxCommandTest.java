package app.comfydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SandboxCommandTest {

    @TempDir
    Path home;

    @Test
    void printsBaseUrlAndTokenAndServesUntilStopped() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SandboxCommand(stop));
        cli.setOut(new PrintWriter(out, true));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(() -> cli.execute("--port", "0", "--home", home.toString(),
                    "--token", "sandbox", "--run-time", "0ms"));
            Matcher url = waitFor(out, Pattern.compile("Base URL:\\s+(http://127\\.0\\.0\\.1:\\d+)"));
            assertThat(out.toString()).contains("Token:       sandbox", "sample-txt2img", "sample-image-edit");
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.group(1) + "/prod/v1/deployments/sample-txt2img/requests/x/status"))
                    .header("Authorization", "Bearer sandbox").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(404);
            assertThat(Files.exists(home.resolve("deployments/sample-txt2img/workflow_api.json"))).isTrue();

            stop.countDown();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            stop.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void badDurationIsAClearUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SandboxCommand(new CountDownLatch(0)));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("--home", home.toString(), "--run-time", "soon");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("\"soon\" is not a duration");
    }

    @Test
    void isRegisteredInTheMainCommandLine() {
        StringWriter out = new StringWriter();
        int exit = ComfyDeskCli.execute(CliContext.system(), new PrintWriter(out, true), new PrintWriter(
                new StringWriter(), true), "sandbox", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--port", "--workers", "--home");
    }

    private static Matcher waitFor(StringWriter out, Pattern pattern) {
        return org.awaitility.Awaitility.await("output matching " + pattern).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> pattern.matcher(out.toString()), Matcher::find);
    }
}
