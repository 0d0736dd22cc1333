package app.comfydesk.cli;

import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.testing.FakeRunComfy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code deployments}, {@code deployment}, {@code balance} and {@code run} against the stored workflow. */
class DeploymentCliTest {

    private static final String TOKEN = "rc_cli_token_5566778899";
    private static final Path SD15 = Path.of("../shared/corpus/workflows/api/SaladTechnologies__comfyui-api__"
            + "example-workflows_sd1.5_txt2img.json");

    @TempDir
    Path dir;

    private MockWebServer api;
    private final FakeRunComfy fake = new FakeRunComfy();
    /** Answers by path (before the query), in front of the queue fake. */
    private final Map<String, MockResponse> v2 = new ConcurrentHashMap<>();
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp() throws Exception {
        api = new MockWebServer();
        api.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse r = v2.get(request.getUrl().encodedPath());
                if (r != null) {
                    fake.requests.add(request);
                    return r;
                }
                return fake.dispatch(request);
            }
        });
        api.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Duration ms = Duration.ofMillis(10);
        CliContext context = new CliContext(Map.of("RUNCOMFY_TOKEN", TOKEN), AppDirectories.under(dir.resolve("home")),
                s -> s.withSchedule(new app.comfydesk.jobs.PollSchedule(ms, ms, Duration.ZERO, Duration.ofMillis(20),
                        ms, Duration.ofMillis(50), Duration.ofMillis(100))));
        int code = ComfyDeskCli.execute(context, new PrintWriter(out), new PrintWriter(err), args);
        stdout = out.toString();
        stderr = err.toString();
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(TOKEN);
        return code;
    }

    private String base() {
        return "http://127.0.0.1:" + api.getPort();
    }

    private void storedDeployment() throws Exception {
        String stored = Files.readString(SD15);
        v2.put("/prod/v2/deployments/d", json("{\"id\":\"d\",\"name\":\"SD 1.5\",\"status\":\"standby\","
                + "\"is_enabled\":true,\"hardware\":[\"AMPERE_24\"],\"workflow_version\":\"v2\",\"payload\":{"
                + "\"workflow_api_json\":" + stored + ",\"overrides\":{\"5\":{\"inputs\":{\"width\":768}}},"
                + "\"object_info_url\":\"" + base() + "/oi.json\"}}"));
        v2.put("/oi.json", json("{\"KSampler\":{\"input\":{\"required\":{\"steps\":[\"INT\",{\"default\":20,"
                + "\"min\":1,\"max\":100}],\"sampler_name\":[[\"euler\",\"dpmpp_2m\"]]}},\"output\":[\"LATENT\"],"
                + "\"name\":\"KSampler\"}}"));
    }

    /** The overrides exactly as sent (text, so the numbers' written form shows). */
    private String sentOverrides() throws Exception {
        String body = fake.requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/inference"))
                .findFirst().orElseThrow().getBody().utf8();
        return app.comfydesk.workflow.ExactJson.write(app.comfydesk.workflow.ExactJson.parse(body).get("overrides"));
    }

    private long submits() {
        return fake.requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/inference")).count();
    }

    @Test
    void deploymentsPrintsATableOrJson() {
        v2.put("/prod/v2/deployments", json("[{\"id\":\"d-1\",\"name\":\"Flux\",\"status\":\"standby\","
                + "\"is_enabled\":true,\"hardware\":[\"ADA_80_PLUS\"],\"workflow_version\":\"v4\"},"
                + "{\"id\":\"d-2\",\"is_enabled\":false}]"));
        assertThat(cli("deployments", "--base-url", base())).as(stderr).isZero();
        assertThat(stdout.lines().toList()).hasSize(3);
        assertThat(stdout.lines().findFirst().orElseThrow()).startsWith("ID").contains("WORKFLOW VERSION");
        assertThat(stdout).contains("d-1").contains("Flux").contains("ADA_80_PLUS").contains("v4").contains("no");

        assertThat(cli("deployments", "--base-url", base(), "--json")).isZero();
        JsonNode list = ApiJson.parse(stdout);
        assertThat(list.get(0).get("hardware").asText()).isEqualTo("ADA_80_PLUS");
        assertThat(list.get(1).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void deploymentShowsThePayloadSummary() throws Exception {
        storedDeployment();
        assertThat(cli("deployment", "d", "--base-url", base())).as(stderr).isZero();
        assertThat(stdout).contains("stored workflow: 7 nodes").contains("{\"5\":{\"inputs\":{\"width\":768}}}")
                .contains(base() + "/oi.json");
        assertThat(cli("deployment", "d", "--base-url", base(), "--json")).isZero();
        assertThat(ApiJson.parse(stdout).at("/payload/node_count").intValue()).isEqualTo(7);
    }

    @Test
    void balance() {
        v2.put("/prod/v2/balance", json("{\"balance_usd\":3.50,\"currency\":\"USD\"}"));
        assertThat(cli("balance", "--base-url", base())).isZero();
        assertThat(stdout.strip()).isEqualTo("3.50 USD");
    }

    @ParameterizedTest
    @CsvSource({"200, 10001, top up your balance", "402, 10001, top up your balance",
        "403, 10002, enable it on RunComfy", "200, 10003, has been deleted"})
    void errorCodesExitFourWithTheSentence(int status, String code, String words) {
        v2.put("/prod/v2/balance", json(status, "{\"error_code\":" + code + "}"));
        assertThat(cli("balance", "--base-url", base())).isEqualTo(4);
        assertThat(stderr).contains(words).contains(code);
    }

    @Test
    void runWithoutAWorkflowChecksTheSetsAgainstTheStoredWorkflowAndItsObjectInfo() throws Exception {
        storedDeployment();
        String[] common = {"run", "--base-url", base(), "--deployment", "d", "--out", dir.resolve("out").toString()};
        assertThat(cli(concat(common, "--set", "3.steps=500"))).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("3.steps").contains("100");
        assertThat(cli(concat(common, "--set", "3.steps=2.5"))).as(stderr).isEqualTo(2);
        assertThat(cli(concat(common, "--set", "3.sampler_name=nope"))).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("3.sampler_name").contains("not one of the deployment's 2 choices (euler, "
                + "dpmpp_2m)");
        assertThat(cli(concat(common, "--set", "99.seed=1"))).as(stderr).isEqualTo(2);
        assertThat(submits()).as("nothing was sent").isZero();

        assertThat(cli(concat(common, "--set", "3.steps=30", "--set", "3.seed=18446744073709551615"))).as(stderr)
                .isZero();
        assertThat(sentOverrides())
                .isEqualTo("{\"3\":{\"inputs\":{\"seed\":18446744073709551615,\"steps\":30}}}");
    }

    @Test
    void runWithAWorkflowSendsItsDifferencesFromTheStoredOnePlusTheSets() throws Exception {
        storedDeployment();
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, Files.readString(SD15).replace("\"cfg\": 8", "\"cfg\": 1e-05"));
        assertThat(cli("run", edited.toString(), "--base-url", base(), "--deployment", "d", "--out",
                dir.resolve("out").toString(), "--set", "3.steps=20")).as(stderr).isZero();
        // cfg differs from the stored workflow, width differs from the default override, steps was given.
        assertThat(sentOverrides()).isEqualTo("{\"3\":{\"inputs\":{\"cfg\":1e-05,"
                + "\"steps\":20}},\"5\":{\"inputs\":{\"width\":512}}}");
    }

    @Test
    void runWithAForeignWorkflowSaysToSendTheFullWorkflow() throws Exception {
        storedDeployment();
        Path foreign = Path.of("../shared/corpus/workflows/api/SaladTechnologies__comfyui-api__example-workflows_"
                + "flux_txt2img.json");
        assertThat(cli("run", foreign.toString(), "--base-url", base(), "--deployment", "d", "--out",
                dir.resolve("out").toString())).isEqualTo(2);
        assertThat(stderr).contains("send the full workflow instead").contains("--dynamic");
        assertThat(submits()).isZero();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
