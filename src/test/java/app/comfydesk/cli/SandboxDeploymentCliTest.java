package app.comfydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deployments}, {@code deployment}, {@code balance} and {@code run} without a file, against the sandbox. */
class SandboxDeploymentCliTest {

    @TempDir
    Path dir;

    private SandboxServer sandbox;
    private String stdout;
    private String stderr;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxConfig.forTests(dir.resolve("sandbox")).build());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Duration ms = Duration.ofMillis(10);
        CliContext context = new CliContext(Map.of("RUNCOMFY_TOKEN", sandbox.token()),
                AppDirectories.under(dir.resolve("home")),
                s -> s.withSchedule(new app.comfydesk.jobs.PollSchedule(ms, ms, Duration.ZERO, Duration.ofMillis(20),
                        ms, Duration.ofMillis(50), Duration.ofMillis(100))));
        int code = ComfyDeskCli.execute(context, new PrintWriter(out), new PrintWriter(err), args);
        stdout = out.toString();
        stderr = err.toString();
        assertThat(stderr).doesNotContain("\tat ").doesNotContain(sandbox.token());
        return code;
    }

    @Test
    void listsTheSandboxsDeployments() {
        assertThat(cli("deployments", "--base-url", sandbox.baseUri().toString())).as(stderr).isZero();
        assertThat(stdout).contains("sample-txt2img", "sample-image-edit", "SANDBOX_CPU");
        assertThat(cli("deployments", "--base-url", sandbox.baseUri().toString(), "--json")).isZero();
        assertThat(stdout).contains("\"workflow_version\"");
    }

    @Test
    void showsOneDeploymentWithItsPayloadSummary() {
        assertThat(cli("deployment", "sample-txt2img", "--base-url", sandbox.baseUri().toString()))
                .as(stderr).isZero();
        assertThat(stdout).contains("sample-txt2img").contains("object_info");
    }

    @Test
    void balanceSaysTheSandboxsAmount() {
        assertThat(cli("balance", "--base-url", sandbox.baseUri().toString())).as(stderr).isZero();
        assertThat(stdout).contains("100");
    }

    @Test
    void runWithoutAWorkflowFileUsesTheStoredWorkflowAndChecksSetsAgainstIt() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        int code = cli("run", "--base-url", sandbox.baseUri().toString(), "--deployment", "sample-txt2img",
                "--out", out.toString(), "--set", "6.text=a red fox");
        assertThat(code).as(stdout + stderr).isZero();
        assertThat(stdout).contains("\"event\":\"finished\"", "succeeded");
        int bad = cli("run", "--base-url", sandbox.baseUri().toString(), "--deployment", "sample-txt2img",
                "--out", out.toString(), "--set", "999.text=nothing");
        assertThat(bad).isEqualTo(2);
        assertThat(stderr).contains("999");
    }

    @Test
    void aDisabledDeploymentIsExit4WithTheSentence() throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sandbox.baseUri() + "/prod/v2/deployments/sample-txt2img"))
                .header("Authorization", "Bearer " + sandbox.token())
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"is_enabled\": false}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        Path out = Files.createDirectories(dir.resolve("out2"));
        int code = cli("run", "--base-url", sandbox.baseUri().toString(), "--deployment", "sample-txt2img",
                "--out", out.toString());
        assertThat(code).as(stdout + stderr).isEqualTo(4);
        assertThat(stderr.toLowerCase()).contains("disabled");
    }
}
