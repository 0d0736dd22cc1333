package app.comfydesk.cli;

import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.testing.FakeRunComfy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ComfyDeskCliTest {

    private static final Path CORPUS = Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
    private static final Path SD15 = CORPUS.resolve(
            "workflows/api/SaladTechnologies__comfyui-api__example-workflows_sd1.5_txt2img.json");
    private static final String TOKEN = "rc_cli_TOKEN_0123456789";

    @TempDir
    Path dir;

    private MockWebServer api;
    private MockWebServer files;
    private final FakeRunComfy fake = new FakeRunComfy();
    private Map<String, String> env = Map.of("RUNCOMFY_TOKEN", TOKEN);
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp() throws Exception {
        api = new MockWebServer();
        api.setDispatcher(fake);
        api.start(java.net.InetAddress.getLoopbackAddress(), 0);
        files = new MockWebServer();
        files.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void tearDown() {
        api.close();
        files.close();
    }

    private Path home;

    private int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Duration ms = Duration.ofMillis(10);
        CliContext context = new CliContext(env, AppDirectories.under(home == null ? dir.resolve("home") : home),
                s -> s.withSchedule(
                new PollSchedule(ms, ms, Duration.ZERO, Duration.ofMillis(20), ms, Duration.ofMillis(50),
                        Duration.ofMillis(100))).withDownloads(Duration.ofSeconds(2), 2, ms));
        int code = ComfyDeskCli.execute(context, new PrintWriter(out), new PrintWriter(err), args);
        stdout = out.toString();
        stderr = err.toString();
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain(TOKEN);
        assertThat(stdout).doesNotContain(TOKEN);
        return code;
    }

    private String base() {
        return "http://127.0.0.1:" + api.getPort();
    }

    private List<JsonNode> lines() {
        return Arrays.stream(stdout.split("\\R")).filter(s -> !s.isBlank()).map(ApiJson::parse).toList();
    }

    private RecordedRequest submitted() {
        return fake.requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/inference")).findFirst()
                .orElseThrow();
    }

    @Test
    void runSubmitsExactlyTheGivenOverridesFollowsAndSavesOutputs() throws Exception {
        fake.status = FakeRunComfy.script("in_queue:2", "in_queue:1", "in_progress", "completed");
        files.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[] {1, 2, 3, 4})).build());
        fake.result = id -> json("{\"status\":\"succeeded\",\"outputs\":{\"9\":{\"images\":[{"
                + "\"url\":\"http://127.0.0.1:" + files.getPort() + "/x.png\","
                + "\"filename\":\"ComfyUI_00001_.png\",\"subfolder\":\"\"}]}}}");

        int code = cli("run", SD15.toString(), "--base-url", base(), "--deployment", "dep-1", "--out",
                dir.resolve("out").toString(), "--set", "6.text=a red fox", "--set", "3.seed=18446744073709551615",
                "--set", "3.cfg=7.5", "--set", "3.steps=20");

        assertThat(code).as(stderr).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("event").asText()).isEqualTo("submitted");
        assertThat(lines.get(0).get("request_id").asText()).isEqualTo("req-1");
        assertThat(lines).filteredOn(l -> l.get("event").asText().equals("status"))
                .extracting(l -> l.get("status").asText() + ":" + l.get("queue_position").asText())
                .contains("queued:2", "queued:1", "running:null", "downloading:null");
        JsonNode output = lines.stream().filter(l -> l.get("event").asText().equals("output")).findFirst()
                .orElseThrow();
        assertThat(output.get("node").asText()).isEqualTo("9");
        assertThat(output.get("bytes").asLong()).isEqualTo(4);
        assertThat(Path.of(output.get("path").asText()))
                .isEqualTo(dir.resolve("out/req-1/ComfyUI_00001_.png").toAbsolutePath()).exists();
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("finished");
        assertThat(last.get("status").asText()).isEqualTo("succeeded");

        RecordedRequest sent = submitted();
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = ApiJson.parse(sent.getBody().utf8());
        assertThat(body.has("workflow_api_json")).isFalse();
        assertThat(body.get("overrides").toString()).isEqualTo(
                "{\"3\":{\"inputs\":{\"seed\":18446744073709551615,\"steps\":20,\"cfg\":7.5}},\"6\":{\"inputs\":"
                        + "{\"text\":\"a red fox\"}}}");
        assertThat(body.at("/overrides/3/inputs/seed").bigIntegerValue())
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(files.takeRequest().getHeaders().get("Authorization")).isNull();

        assertThat(cli("jobs")).isZero();
        assertThat(lines()).singleElement().satisfies(j -> {
            assertThat(j.get("request_id").asText()).isEqualTo("req-1");
            assertThat(j.get("status").asText()).isEqualTo("succeeded");
            assertThat(j.get("prompt").asText()).isEqualTo("a red fox");
        });
    }

    @Test
    void dynamicRunSendsTheWholeEditedWorkflowOnV2WithAnImage() throws Exception {
        Path workflow = dir.resolve("wf.json");
        Files.writeString(workflow, "{\"10\":{\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"a.png\"}},"
                + "\"11\":{\"class_type\":\"SaveImage\",\"inputs\":{\"images\":[\"10\",0],\"filename_prefix\":\"x\","
                + "\"seed\":18446744073709551615}}}");
        Path image = dir.resolve("in.jpg");
        Files.write(image, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        assertThat(cli("run", workflow.toString(), "--base-url", base(), "--deployment", "dep-1", "--out",
                dir.resolve("out").toString(), "--image", "10.image=" + image, "--dynamic", "--api-version", "v2"))
                .as(stderr).isZero();
        RecordedRequest sent = submitted();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/prod/v2/deployments/dep-1/inference");
        String body = sent.getBody().utf8();
        assertThat(body).doesNotContain("overrides").contains("\"seed\":18446744073709551615");
        assertThat(ApiJson.parse(body).at("/workflow_api_json/10/inputs/image").asText())
                .isEqualTo("data:image/jpeg;base64,/9j/");
    }

    @Test
    void invalidInputExitsTwoAndSendsNothing() throws Exception {
        String[] common = {"--base-url", base(), "--deployment", "d", "--out", dir.toString()};
        assertThat(cli(concat(new String[] {"run", SD15.toString(), "--set", "99.text=x"}, common))).isEqualTo(2);
        assertThat(stderr).contains("99.text: no such node");
        assertThat(cli(concat(new String[] {"run", SD15.toString(), "--set", "6.txt=x"}, common))).isEqualTo(2);
        assertThat(stderr).contains("node 6").contains("has no such input").contains("text");
        assertThat(cli(concat(new String[] {"run", SD15.toString(), "--image", "6.text=" + dir.resolve("nope.png")},
                common))).isEqualTo(2);
        assertThat(stderr).contains("cannot read").contains("no such file");
        assertThat(cli(concat(new String[] {"run", SD15.toString(), "--set", "3.steps=\"many\""}, common)))
                .isEqualTo(2);
        assertThat(stderr).contains("3.steps");
        Path ui = CORPUS.resolve("workflows/ui/Acly__krita-ai-diffusion__tests_data_workflow-ui.json");
        assertThat(cli(concat(new String[] {"run", ui.toString()}, common))).isEqualTo(2);
        assertThat(stderr).startsWith("error: ");
        assertThat(cli(concat(new String[] {"run", dir.resolve("missing.json").toString()}, common))).isEqualTo(2);
        assertThat(cli("run", SD15.toString(), "--deployment", "d", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr).contains("--base-url");
        env = Map.of();
        assertThat(cli(concat(new String[] {"run", SD15.toString()}, common))).isEqualTo(2);
        assertThat(stderr).contains("RUNCOMFY_TOKEN");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void failedCancelledAndApiErrorsHaveTheirExitCodes() {
        String[] common = {"--base-url", base(), "--deployment", "d", "--out", dir.toString()};
        fake.result = id -> json("{\"status\":\"failed\",\"error\":{\"message\":\"CUDA out of memory\"}}");
        assertThat(cli(concat(new String[] {"run", SD15.toString()}, common))).isEqualTo(1);
        JsonNode last = lines().get(lines().size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("failed");
        assertThat(last.get("error").asText()).isEqualTo("CUDA out of memory");

        fake.result = id -> json("{\"status\":\"cancelled\"}");
        assertThat(cli(concat(new String[] {"run", SD15.toString()}, common))).isEqualTo(3);
        assertThat(lines().get(lines().size() - 1).get("status").asText()).isEqualTo("cancelled");

        fake.submitAnswers.add(json(401, "{}"));
        assertThat(cli(concat(new String[] {"run", SD15.toString()}, common))).isEqualTo(4);
        assertThat(stderr).isEqualTo("error: 401 Unauthorized: invalid or missing token" + System.lineSeparator());
    }

    @Test
    void requestCommandsPrintTheServersAnswer() {
        String[] target = {"--base-url", base(), "--deployment", "d"};
        fake.status = FakeRunComfy.script("in_queue:3");
        assertThat(cli(concat(new String[] {"status", "r-1"}, target))).isZero();
        assertThat(lines().get(0).get("queue_position").asInt()).isEqualTo(3);
        assertThat(cli(concat(new String[] {"result", "r-1"}, target))).isZero();
        assertThat(lines().get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(cli(concat(new String[] {"cancel", "r-1"}, target))).isZero();
        assertThat(lines().get(0).get("outcome").asText()).isEqualTo("cancelled");
        fake.delete = id -> json(409, "{\"error_code\":\"CONFLICT\",\"message\":\"Request is still running\"}");
        assertThat(cli(concat(new String[] {"delete", "r-1"}, target))).isEqualTo(4);
        assertThat(stderr).contains("409 Conflict: Request is still running").contains("cancel it first");
        fake.delete = id -> json("{\"status\":\"deleted\",\"deleted_objects\":2}");
        assertThat(cli(concat(new String[] {"delete", "r-1"}, target))).isZero();
        assertThat(lines().get(0).get("deleted_objects").asInt()).isEqualTo(2);
        assertThat(cli("bogus")).isEqualTo(2);
    }

    private String[] run(String... extra) {
        return concat(new String[] {"run", SD15.toString(), "--base-url", base(), "--deployment", "d", "--out",
                dir.resolve("out").toString()}, extra);
    }

    @Test
    void aValueEqualToTheLocalCopyIsStillSentBecauseTheDeployedWorkflowMayDiffer() {
        assertThat(cli(run("--set", "3.steps=20", "--set", "3.denoise=1"))).as(stderr).isZero();
        assertThat(ApiJson.parse(submitted().getBody().utf8()).get("overrides").toString())
                .isEqualTo("{\"3\":{\"inputs\":{\"steps\":20,\"denoise\":1}}}");
    }

    @Test
    @Timeout(60)   // before the fix a fifo hung for ever and /dev/zero ran out of memory
    void onlyRegularFilesWithinTheLimitAreReadForAnImage() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start()
                .waitFor() == 0, "mkfifo is available");
        assertThat(cli(run("--image", "6.text=" + fifo))).isEqualTo(2);
        assertThat(stderr).contains("pipe.png is a device, pipe or socket, not a regular file")
                .contains("nothing was sent").doesNotContain("Exception", "\tat ");
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        assertThat(cli(run("--image", "6.text=" + zero))).isEqualTo(2);
        assertThat(stderr).contains("/dev/zero is a device, pipe or socket").doesNotContain("Exception");
        assertThat(cli(run("--image", "6.text=" + dir))).isEqualTo(2);
        assertThat(stderr).contains("is a folder, not a regular file");

        Path huge = dir.resolve("huge.png");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            file.setLength(3L << 30);   // sparse: 3 GiB that take no disk
        }
        assertThat(cli(run("--image", "6.text=" + huge))).isEqualTo(2);
        assertThat(stderr).contains("huge.png is 3072.0 MB, over the 32.0 MB limit for a file sent with a request")
                .contains("downscale it").contains("--set 6.text=https://").contains("nothing was sent")
                .doesNotContain("Exception", "\tat ");
        assertThat(stderr.strip().lines()).hasSize(1);
        assertThat(fake.count("POST", "/inference")).isZero();
    }

    @Test
    void aFileThatIsNotAnImageVideoOrAudioIsRefusedBeforeSending() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "just some text, named like a picture");
        assertThat(cli(run("--image", "6.text=" + text))).isEqualTo(2);
        assertThat(stderr).contains("notes.png is not an image, video or audio file").contains("PNG, JPEG");
        Path wav = Files.write(dir.resolve("a.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
        assertThat(cli(run("--image", "6.text=" + wav))).as(stderr).isZero();
        assertThat(ApiJson.parse(submitted().getBody().utf8()).at("/overrides/6/inputs/text").asText())
                .startsWith("data:audio/wav;base64,");
        assertThat(fake.count("POST", "/inference")).isEqualTo(1);
    }

    @Test
    @Timeout(60)   // without the fix this hung for ever
    void anOutFolderThatCannotBeWrittenIsRefusedBeforeSending() throws Exception {
        Path fileInTheWay = Files.writeString(dir.resolve("taken"), "x");
        assertThat(cli("run", SD15.toString(), "--base-url", base(), "--deployment", "d", "--out",
                fileInTheWay.resolve("out").toString())).isEqualTo(2);
        assertThat(stderr).contains("--out").contains("cannot write there").contains("nothing was sent");
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void anUnwritableHomeIsAPlainMessageAndExitTwo() throws Exception {
        home = Files.writeString(dir.resolve("home-is-a-file"), "x");
        assertThat(cli(run())).isEqualTo(2);
        assertThat(stderr).startsWith("error: Cannot create the folder ").contains("COMFYDESK_HOME")
                .doesNotContain("UncheckedIOException").doesNotContain("unexpected");
    }

    @Test
    void theComfyOrgKeyComesFromTheEnvironmentAndWebhookOptionsAreSent() throws Exception {
        env = Map.of("RUNCOMFY_TOKEN", TOKEN, "COMFY_ORG_API_KEY", "comfyui-ORG-KEY-42");
        assertThat(cli(run("--webhook", "https://hooks.example/done", "--webhook-intermediate"))).as(stderr)
                .isZero();
        RecordedRequest sent = submitted();
        JsonNode body = ApiJson.parse(sent.getBody().utf8());
        assertThat(body.at("/extra_data/api_key_comfy_org").asText()).isEqualTo("comfyui-ORG-KEY-42");
        // In the query string, as RunComfy recommends.
        assertThat(sent.getUrl().queryParameter("webhook")).isEqualTo("https://hooks.example/done");
        assertThat(sent.getUrl().queryParameter("webhook_intermediate_status")).isEqualTo("true");
        assertThat(body.has("webhook")).isFalse();
        assertThat(stdout + stderr).doesNotContain("ORG-KEY-42");
        try (var files = Files.walk(dir.resolve("home"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain("ORG-KEY-42").doesNotContain(TOKEN);
            }
        }
        assertThat(cli(run("--webhook", "not a url"))).isEqualTo(2);
        assertThat(cli(run("--webhook-intermediate"))).isEqualTo(2);
        assertThat(fake.count("POST", "/inference")).isEqualTo(1);
    }

    @Test
    @Timeout(30)   // without the fix this hung for ever: the watchdog, not a stopwatch, is the bound
    void runGivesUpWhenTheServerGoesAwayAfterSubmit() throws Exception {
        fake.status = FakeRunComfy.script("in_queue:1");
        Thread stopper = new Thread(() -> {
            try {
                org.awaitility.Awaitility.await("the first status call").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5)).until(() -> fake.count("GET", "/status") > 0);
            } finally {
                api.close();
            }
        });
        stopper.start();
        int code = cli(run("--give-up-after", "1s"));
        stopper.join();
        assertThat(code).as(stdout + stderr).isEqualTo(4);
        assertThat(fake.count("GET", "/status")).as("the run polled before the server went away").isPositive();
        assertThat(stderr).contains("warning: cannot reach http://127.0.0.1:" + api.getPort())
                .contains("gave up after 1 s").contains("may still be running on the server")
                .contains("comfydesk status req-1 --base-url " + base() + " --deployment d");
        assertThat(lines()).anySatisfy(l -> {
            assertThat(l.get("event").asText()).isEqualTo("connection");
            assertThat(l.get("online").asBoolean()).isFalse();
        });
        assertThat(lines().get(lines().size() - 1).get("event").asText()).isEqualTo("gave_up");
    }

    @Test
    @Timeout(60)   // without the fix this hung for ever
    void runGivesUpOnRefusedPollsAndJobsResumeFinishesTheJobLater() throws Exception {
        fake.status = (id, n) -> json(401, "{\"message\":\"token revoked\"}");
        int code = cli(run("--give-up-after", "300ms"));
        assertThat(code).as(stdout + stderr).isEqualTo(4);
        assertThat(lines()).anySatisfy(l -> {
            assertThat(l.get("event").asText()).isEqualTo("error");
            assertThat(l.get("http_status").asInt()).isEqualTo(401);
        });
        assertThat(stderr).contains("warning: poll of job").contains("401").contains("gave up after 300 ms")
                .contains("comfydesk jobs --resume");

        assertThat(cli("jobs")).isZero();
        assertThat(lines()).singleElement().satisfies(j -> assertThat(j.get("status").asText()).isEqualTo("queued"));

        fake.status = FakeRunComfy.script("completed");
        assertThat(cli("jobs", "--resume")).as(stderr).isZero();
        assertThat(lines().get(0).get("event").asText()).isEqualTo("resumed");
        JsonNode last = lines().get(lines().size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("finished");
        assertThat(last.get("status").asText()).isEqualTo("succeeded");
        assertThat(cli("jobs", "--resume")).isZero();
        assertThat(stderr).contains("Nothing to resume");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
