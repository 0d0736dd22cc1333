package app.comfydesk.sandbox.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real API workflow in the corpus either runs in the sandbox or fails cleanly, naming a node whose class the
 * sandbox does not have. Nothing in between: no crash, no vague error.
 */
class CorpusExecutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The corpus workflows built only from core nodes the sandbox runs; they must succeed. */
    private static final Set<String> MUST_RUN = Set.of(
            "SaladTechnologies__comfyui-api__example-workflows_sd1.5_txt2img.json",
            "SaladTechnologies__comfyui-api__example-workflows_sdxl_img2img.json",
            "SaladTechnologies__comfyui-api__example-workflows_flux_txt2img.json",
            "SaladTechnologies__comfyui-api__example-workflows_sdxl_txt2img-with-refiner.json",
            "fofr__cog-comfyui__examples_api_workflows_controlnet_scribble.json",
            "fofr__cog-comfyui__examples_api_workflows_sd15_img2img.json",
            "fofr__cog-comfyui__examples_api_workflows_sd15_inpainting.json",
            "fofr__cog-comfyui__examples_api_workflows_upscale.json",
            "runpod-workers__worker-comfyui__test_resources_workflows_flux_dev_checkpoint_example.json");

    @TempDir
    Path input;

    static List<Path> workflows() throws IOException {
        Path dir = Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus")).resolve("workflows/api");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void runsOrNamesTheNodeItCannotRun(Path file) throws Exception {
        JsonNode json = JSON.readTree(file.toFile());
        ObjectNode workflow = (ObjectNode) (json.has("prompt") && json.get("prompt").isObject() ? json.get("prompt")
                : json);
        Set<String> unsupported = new TreeSet<>();
        WorkflowExecutor executor = new WorkflowExecutor();
        workflow.fields().forEachRemaining(e -> {
            JsonNode node = e.getValue();
            String type = node.path("class_type").asText();
            if (!executor.supportedClassTypes().contains(type)) {
                unsupported.add(type);
            }
            shrink(node);
            provideInputImage(node);
        });
        TestContext context = new TestContext(input);
        String name = file.getFileName().toString();
        try {
            Map<String, ObjectNode> ui = executor.run(workflow, context);
            assertThat(unsupported).isEmpty();
            assertThat(ui).isNotEmpty();
            assertThat(context.outputs).isNotEmpty();
        } catch (NodeExecutionException e) {
            assertThat(MUST_RUN).as("%s must run, but: %s", name, e.getMessage()).doesNotContain(name);
            assertThat(e.exceptionType()).as(e.getMessage()).isEqualTo("unknown_node_type");
            assertThat(unsupported).contains(e.classType());
            assertThat(e.getMessage()).contains("Node " + e.nodeId(), e.classType());
        }
    }

    /** Keeps the test fast: latents and empty images at most 64 pixels a side. */
    private static void shrink(JsonNode node) {
        String type = node.path("class_type").asText();
        if (type.startsWith("Empty") && node.path("inputs").isObject()) {
            ObjectNode inputs = (ObjectNode) node.get("inputs");
            for (String key : List.of("width", "height")) {
                if (inputs.path(key).isNumber()) {
                    inputs.put(key, Math.min(64, inputs.get(key).asInt()));
                }
            }
            if (inputs.path("batch_size").isNumber()) {
                inputs.put("batch_size", 1);
            }
        }
    }

    /**
     * LoadImage values point at the corpus author's uploads or at internet URLs (which the sandbox refuses, tested
     * elsewhere): put a small picture in the input folder under each file name, and send a data URI instead of a URL
     * as the app does with a dropped file.
     */
    private void provideInputImage(JsonNode node) {
        String type = node.path("class_type").asText();
        JsonNode image = node.path("inputs").path("image");
        if (!(type.equals("LoadImage") || type.equals("LoadImageMask")) || !image.isTextual()) {
            return;
        }
        try {
            BufferedImage small = new BufferedImage(48, 32, BufferedImage.TYPE_INT_ARGB);
            if (image.asText().startsWith("http")) {
                ((ObjectNode) node.get("inputs")).put("image", TestImages.dataUri(small));
                return;
            }
            Path target = input.resolve(image.asText().replaceFirst("\\s*\\[(input|output|temp)]$", "")).normalize();
            if (target.startsWith(input)) {
                Files.createDirectories(target.getParent());
                ImageIO.write(small, "png", target.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
