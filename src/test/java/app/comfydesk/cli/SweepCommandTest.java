package app.comfydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.Fault;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.sheet.ContactSheet;
import app.comfydesk.sheet.SheetLayout;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.PngText;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --sweep} end to end against the built-in sandbox. */
@Timeout(120)
class SweepCommandTest {

    private static final Path WORKFLOW = Path.of("assets/workflows/sample-txt2img.json");

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
        CliContext context = new CliContext(Map.of("RUNCOMFY_TOKEN", "sandbox"), AppDirectories.under(
                dir.resolve("home")), s -> s.withSchedule(new PollSchedule(ms, ms, Duration.ZERO,
                Duration.ofMillis(20), ms, Duration.ofMillis(50), Duration.ofMillis(100))));
        List<String> all = new ArrayList<>(List.of("run", WORKFLOW.toString(), "--base-url",
                sandbox.baseUri().toString(), "--deployment", "sample-txt2img", "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        int code = ComfyDeskCli.execute(context, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        stdout = out.toString();
        stderr = err.toString();
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception");
        return code;
    }

    private List<JsonNode> lines(String event) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            JsonNode node = ExactJson.parse(line);
            if (node.path("event").asText().equals(event)) {
                found.add(node);
            }
        }
        return found;
    }

    @Test
    void aTwoByTwoSweepRunsEveryCellAndWritesALabelledContactSheet() throws Exception {
        Path sheet = dir.resolve("sheets/grid.png");
        int code = cli("--set", "6.text=a red fox", "--sweep", "3.cfg=4,8", "--sweep", "3.steps=10..20:10",
                "--max-in-flight", "2", "--contact-sheet", sheet.toString());

        assertThat(code).as(stdout + stderr).isEqualTo(ExitCodes.SUCCEEDED);
        assertThat(lines("sweep").get(0).path("jobs").asInt()).isEqualTo(4);
        List<JsonNode> submitted = lines("submitted");
        assertThat(submitted).hasSize(4);
        assertThat(submitted).extracting(n -> n.path("cell").path("x").asInt() + "," + n.path("cell").path("y")
                .asInt()).containsExactlyInAnyOrder("0,0", "1,0", "0,1", "1,1");
        JsonNode cell = submitted.stream().filter(n -> n.path("cell").path("x").asInt() == 1
                && n.path("cell").path("y").asInt() == 1).findFirst().orElseThrow().path("cell");
        assertThat(cell.path("values").toString()).isEqualTo("{\"3.cfg\":8,\"3.steps\":20}");
        assertThat(lines("finished")).hasSize(4).allSatisfy(n -> assertThat(n.path("status").asText())
                .isEqualTo("succeeded"));
        assertThat(lines("output")).hasSize(4);
        JsonNode done = lines("sweep_finished").get(0);
        assertThat(done.path("succeeded").asInt()).isEqualTo(4);
        assertThat(done.path("contact_sheet").asText()).isEqualTo(sheet.toString());

        byte[] png = Files.readAllBytes(sheet);
        Map<String, String> texts = PngText.textChunks(png, 1 << 24);
        JsonNode definition = ExactJson.parse(texts.get(ContactSheet.DEFINITION_KEYWORD));
        assertThat(definition.path("axes").get(0).path("values").asText()).isEqualTo("4,8");
        assertThat(definition.path("axes").get(1).path("labels").toString()).isEqualTo("[\"10\",\"20\"]");
        JsonNode last = ExactJson.parse(texts.get("comfydesk_cell_1_1_0_0"));
        assertThat(last.path("status").asText()).isEqualTo("succeeded");
        assertThat(last.path("workflow").path("3").path("inputs").path("cfg").toString()).isEqualTo("8");
        assertThat(last.path("workflow").path("3").path("inputs").path("steps").toString()).isEqualTo("20");
        assertThat(last.path("workflow").path("6").path("inputs").path("text").asText()).isEqualTo("a red fox");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Rectangle cell00 = new Rectangle(SheetLayout.MARGIN + 200, SheetLayout.MARGIN + SheetLayout.HEADER, 0, 0);
        assertThat(image.getWidth()).isGreaterThan(cell00.x + 2 * 384);
        // the sandbox's 512 × 512 pictures are drawn at 384 × 384: the first cell is not the background
        assertThat(image.getRGB(cell00.x + 192, cell00.y + 192) & 0xffffff).isNotEqualTo(0xf6f8fa);
    }

    @Test
    void aCellWhoseSubmissionFailsIsMarkedAndTheRestStillRun() throws Exception {
        sandbox.faults().next(1, "POST", "/inference$", new Fault.Status(400, null, "invalid_request",
                "broken on purpose"));
        Path sheet = dir.resolve("grid.png");
        int code = cli("--sweep", "3.cfg=4,8", "--sweep", "3.sampler_name=euler,ddim", "--max-in-flight", "1",
                "--contact-sheet", sheet.toString());

        assertThat(code).as(stdout + stderr).isEqualTo(ExitCodes.FAILED);
        List<JsonNode> finished = lines("finished");
        assertThat(finished).hasSize(4);
        JsonNode failed = finished.stream().filter(n -> n.path("status").asText().equals("failed")).findFirst()
                .orElseThrow();
        assertThat(failed.path("cell").path("x").asInt()).isZero();
        assertThat(failed.path("cell").path("y").asInt()).isZero();
        assertThat(failed.path("error").asText()).contains("broken on purpose");
        assertThat(lines("sweep_finished").get(0).path("failed").asInt()).isEqualTo(1);
        Map<String, String> texts = PngText.textChunks(Files.readAllBytes(sheet), 1 << 24);
        assertThat(ExactJson.parse(texts.get("comfydesk_cell_0_0_0_0")).path("status").asText()).isEqualTo("failed");
        assertThat(ExactJson.parse(texts.get("comfydesk_cell_1_1_0_0")).path("workflow").path("3").path("inputs")
                .path("sampler_name").asText()).isEqualTo("ddim");
    }

    @Test
    void mistakesInASweepAreNamedAndNothingIsSent() throws Exception {
        assertThat(cli("--sweep", "3.cfg=4,,8")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("--sweep 3.cfg: value 2 is empty");
        assertThat(cli("--sweep", "3.sampler_name=euler,eulr")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("\"eulr\" is not one of its options");
        assertThat(cli("--sweep", "6.text=S/R:dog,cat")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("\"dog\" does not occur in the prompt");
        assertThat(cli("--sweep", "3.cfg=1,2", "--max-in-flight", "0")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("--max-in-flight 0: use 1 to 100");
        assertThat(cli("--sweep", "3.cfg=1,2", "--contact-sheet", dir.resolve("x.jpg").toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("must end in .png");
        assertThat(cli("--sweep", "3.steps=0,20")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("Nothing was sent", "3.steps");
        assertThat(stdout).isEmpty();
    }

    @Test
    void runsPerCellTimesTheSeedModeGiveEachRunItsSeedSharedAcrossCells() throws Exception {
        int code = cli("--sweep", "3.cfg=4,8", "--runs-per-cell", "2", "--seed-mode", "increment",
                "--max-in-flight", "4");

        assertThat(code).as(stdout + stderr).isEqualTo(ExitCodes.SUCCEEDED);
        List<JsonNode> submitted = lines("submitted");
        assertThat(submitted).hasSize(4);
        assertThat(submitted).extracting(n -> n.path("cell").path("x").asInt() + "/" + n.path("cell").path("run")
                .asInt() + "=" + n.path("cell").path("seed").asText()).containsExactlyInAnyOrder(
                "0/0=156680208700286", "0/1=156680208700287", "1/0=156680208700286", "1/1=156680208700287");
        assertThat(cli("--sweep", "3.cfg=4", "--seed-mode", "sometimes")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(stderr).contains("--seed-mode sometimes: use fixed, increment or random");
    }
}
