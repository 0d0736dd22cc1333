package app.comfydesk.sandbox.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @TempDir
    Path input;

    private final WorkflowExecutor executor = new WorkflowExecutor();

    @Test
    void invertMatchesComfyUiPixelByPixel() throws Exception {
        int[] values = {0, 1, 2, 64, 65, 127, 128, 200, 254, 255};
        BufferedImage known = new BufferedImage(values.length, 2, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < values.length; x++) {
            int v = values[x];
            known.setRGB(x, 0, (v << 16) | (v << 8) | v);
            known.setRGB(x, 1, (v << 16) | ((255 - v) << 8) | (x * 20)); // channels differ
        }
        BufferedImage out = runSingle(workflow("""
                {"1": {"class_type": "LoadImage", "inputs": {"image": "%s"}},
                 "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "inv"}}}
                """.formatted(dataUri(known))));

        assertThat(out.getWidth()).isEqualTo(values.length);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < values.length; x++) {
                int in = known.getRGB(x, y);
                int got = out.getRGB(x, y);
                for (int shift : new int[] {16, 8, 0}) {
                    int v = (in >> shift) & 0xFF;
                    assertThat((got >> shift) & 0xFF).as("pixel %d,%d channel shift %d, input %d", x, y, shift, v)
                            .isEqualTo(comfyInvert(v));
                }
            }
        }
        // ComfyUI computes 1.0 - v/255 in float32 and truncates when saving: 0 and 255 swap exactly, while 65
        // becomes 189, not 190. The sandbox reproduces that rather than the "ideal" 255 - v.
        assertThat(out.getRGB(0, 0) & 0xFF).isEqualTo(255);
        assertThat(out.getRGB(values.length - 1, 0) & 0xFF).isEqualTo(0);
        assertThat(out.getRGB(4, 0) & 0xFF).isEqualTo(189);
    }

    /** The reference formula, written independently of the sandbox: numpy's float32 arithmetic. */
    private static int comfyInvert(int v) {
        float x = v / 255f;
        float inverted = 1.0f - x;
        float scaled = 255f * inverted;
        return (int) Math.max(0f, Math.min(255f, scaled));
    }

    @Test
    void txt2imgSampleIsDeterministicPerSeedAndChangesWithEveryParameter() throws Exception {
        ObjectNode base = small(sample("sample-txt2img"));
        byte[] first = runBytes(base);
        byte[] again = runBytes(base.deepCopy());
        assertThat(again).as("same seed, same bytes").isEqualTo(first);

        assertThat(runBytes(with(base, "3", "seed", 1))).isNotEqualTo(first);
        assertThat(runBytes(with(base, "3", "steps", 21))).isNotEqualTo(first);
        assertThat(runBytes(with(base, "3", "cfg", 3.5))).isNotEqualTo(first);
        assertThat(runBytes(with(base, "6", "text", "a red fox"))).isNotEqualTo(first);
    }

    @Test
    void txt2imgRendersTheRequestedSizeWithTheSandboxMark() throws Exception {
        ObjectNode wf = sample("sample-txt2img");
        ((ObjectNode) wf.get("5").get("inputs")).put("width", 200).put("height", 120);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(runBytes(wf)));
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(120);
    }

    @Test
    void seedsUseTheFullUnsigned64BitRange() throws Exception {
        ObjectNode base = small(sample("sample-txt2img"));
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        ObjectNode top = base.deepCopy();
        ((ObjectNode) top.get("3").get("inputs")).put("seed", max);
        ObjectNode wrapped = base.deepCopy();
        ((ObjectNode) wrapped.get("3").get("inputs")).put("seed", max.subtract(BigInteger.ONE));
        assertThat(runBytes(top)).isNotEqualTo(runBytes(wrapped));

        ObjectNode tooBig = base.deepCopy();
        ((ObjectNode) tooBig.get("3").get("inputs")).put("seed", max.add(BigInteger.ONE));
        assertThatThrownBy(() -> runBytes(tooBig)).isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("Node 3 (KSampler)").hasMessageContaining("18446744073709551615");
    }

    @Test
    void savedPngCarriesTheExecutedWorkflowAsComfyUiWritesIt() throws Exception {
        ObjectNode wf = small(sample("sample-txt2img"));
        ((ObjectNode) wf.get("3").get("inputs")).put("seed", new BigInteger("18446744073709551615"));
        ((ObjectNode) wf.get("6").get("inputs")).put("text", "café ☕");
        byte[] png = runBytes(wf);
        String prompt = textChunk(png, "prompt");
        assertThat(prompt).contains("\"seed\": 18446744073709551615").contains("\"cfg\": 7.0")
                .contains("caf\\u00e9 \\u2615")
                .contains("\"class_type\": \"KSampler\"");
        JsonNode parsed = JSON.readTree(prompt);
        assertThat(parsed).isEqualTo(wf);
    }

    @Test
    void unknownClassFailsNamingNodeAndClass() {
        ObjectNode wf = sample("sample-txt2img");
        wf.putObject("42").put("class_type", "SuperResolutionMagic").putObject("inputs");
        assertThatThrownBy(() -> executor.run(wf, new TestContext(input)))
                .isInstanceOfSatisfying(NodeExecutionException.class, e -> {
                    assertThat(e.nodeId()).isEqualTo("42");
                    assertThat(e.classType()).isEqualTo("SuperResolutionMagic");
                    assertThat(e.exceptionType()).isEqualTo("unknown_node_type");
                    assertThat(e.getMessage()).contains("Node 42").contains("\"SuperResolutionMagic\"");
                });
    }

    @Test
    void missingInputAndBadValuesNameNodeAndInput() {
        ObjectNode wf = small(sample("sample-txt2img"));
        ((ObjectNode) wf.get("3").get("inputs")).remove("steps");
        assertThatThrownBy(() -> executor.run(wf, new TestContext(input)))
                .hasMessage("Node 3 (KSampler): required input \"steps\" is missing.");

        ObjectNode badCombo = workflow("""
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 4, "height": 4, "batch_size": 1, "color": 0}},
                 "2": {"class_type": "ImageFlip", "inputs": {"image": ["1", 0], "flip_method": "diagonal"}},
                 "3": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0]}}}
                """);
        assertThatThrownBy(() -> executor.run(badCombo, new TestContext(input)))
                .hasMessageContaining("Node 2 (ImageFlip): input \"flip_method\" is \"diagonal\"");
    }

    @Test
    void workflowWithoutOutputNodeFails() {
        ObjectNode wf = workflow("""
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 4, "height": 4, "batch_size": 1, "color": 0}}}
                """);
        assertThatThrownBy(() -> executor.run(wf, new TestContext(input)))
                .isInstanceOfSatisfying(NodeExecutionException.class,
                        e -> assertThat(e.exceptionType()).isEqualTo("prompt_no_outputs"));
    }

    @Test
    void flipRotateCropAndScaleFollowComfyUiSemantics() throws Exception {
        // 3x2 image with distinct red values: row 0 = 10,20,30 ; row 1 = 40,50,60
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[][] red = {{10, 20, 30}, {40, 50, 60}};
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.setRGB(x, y, red[y][x] << 16);
            }
        }
        String uri = dataUri(img);
        assertThat(reds(runOp(uri, "ImageFlip", "\"flip_method\": \"y-axis: horizontally\"")))
                .isEqualTo(new int[][] {{30, 20, 10}, {60, 50, 40}});
        assertThat(reds(runOp(uri, "ImageFlip", "\"flip_method\": \"x-axis: vertically\"")))
                .isEqualTo(new int[][] {{40, 50, 60}, {10, 20, 30}});
        assertThat(reds(runOp(uri, "ImageRotate", "\"rotation\": \"90 degrees\""))) // clockwise
                .isEqualTo(new int[][] {{40, 10}, {50, 20}, {60, 30}});
        assertThat(reds(runOp(uri, "ImageRotate", "\"rotation\": \"180 degrees\"")))
                .isEqualTo(new int[][] {{60, 50, 40}, {30, 20, 10}});
        assertThat(reds(runOp(uri, "ImageCrop", "\"width\": 5, \"height\": 1, \"x\": 1, \"y\": 1")))
                .isEqualTo(new int[][] {{50, 60}});
        assertThat(reds(runOp(uri, "ImageScale",
                "\"upscale_method\": \"nearest-exact\", \"width\": 6, \"height\": 0, \"crop\": \"disabled\"")))
                .isEqualTo(new int[][] {{10, 10, 20, 20, 30, 30}, {10, 10, 20, 20, 30, 30},
                    {40, 40, 50, 50, 60, 60}, {40, 40, 50, 50, 60, 60}});
        assertThat(reds(runOp(uri, "ImageScaleBy", "\"upscale_method\": \"area\", \"scale_by\": 0.5")))
                .hasDimensions(1, 2);
    }

    @Test
    void blurAndSharpenKeepFlatImagesFlatAndChangeEdges() throws Exception {
        BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                flat.setRGB(x, y, x < 4 ? 0x202020 : 0xE0E0E0);
            }
        }
        String uri = dataUri(flat);
        int[][] blurred = reds(runOp(uri, "ImageBlur", "\"blur_radius\": 2, \"sigma\": 1.0"));
        // float32 sums of weights that add up to 1 within rounding, truncated to 8 bits, as in ComfyUI
        assertThat(blurred[0][0]).isBetween(0x1F, 0x20);
        assertThat(blurred[0][7]).isBetween(0xDF, 0xE0);
        assertThat(blurred[0][3]).isBetween(0x21, 0xDF);
        int[][] sharpened = reds(runOp(uri, "ImageSharpen", "\"sharpen_radius\": 1, \"sigma\": 1.0, \"alpha\": 1.0"));
        assertThat(sharpened[0][0]).isBetween(0x1F, 0x20);
        assertThat(sharpened[0][3]).isLessThan(0x20); // overshoot at the dark side of the edge
        assertThat(sharpened[0][4]).isGreaterThan(0xE0);
    }

    @Test
    void compositeMaskedPlacesTheSourceAtXy() throws Exception {
        ObjectNode wf = workflow("""
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 4, "height": 4, "batch_size": 1, "color": 0}},
                 "2": {"class_type": "EmptyImage",
                       "inputs": {"width": 2, "height": 2, "batch_size": 1, "color": 16711680}},
                 "3": {"class_type": "ImageCompositeMasked", "inputs": {"destination": ["1", 0], "source": ["2", 0],
                       "x": 1, "y": 2, "resize_source": false}},
                 "4": {"class_type": "SaveImage", "inputs": {"images": ["3", 0], "filename_prefix": "c"}}}
                """);
        int[][] r = reds(runSingle(wf));
        assertThat(r).isEqualTo(new int[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 255, 255, 0}, {0, 255, 255, 0}});
    }

    @Test
    void masksFollowComfyUiConventions() throws Exception {
        // Alpha 0 (transparent) means "masked" (1.0) for LoadImage and LoadImageMask; MaskToImage shows it as white.
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00FF0000);
        rgba.setRGB(1, 0, 0xFF00FF00);
        String uri = dataUri(rgba);
        ObjectNode fromLoadImage = workflow("""
                {"1": {"class_type": "LoadImage", "inputs": {"image": "%s"}},
                 "2": {"class_type": "MaskToImage", "inputs": {"mask": ["1", 1]}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "m"}}}
                """.formatted(uri));
        assertThat(reds(runSingle(fromLoadImage))).isEqualTo(new int[][] {{255, 0}});
        ObjectNode fromMaskLoader = workflow("""
                {"1": {"class_type": "LoadImageMask", "inputs": {"image": "%s", "channel": "green"}},
                 "2": {"class_type": "MaskToImage", "inputs": {"mask": ["1", 0]}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "m"}}}
                """.formatted(uri));
        assertThat(reds(runSingle(fromMaskLoader))).isEqualTo(new int[][] {{0, 255}});
        ObjectNode alphaOfImage = workflow("""
                {"1": {"class_type": "LoadImage", "inputs": {"image": "%s"}},
                 "2": {"class_type": "ImageToMask", "inputs": {"image": ["1", 0], "channel": "alpha"}},
                 "3": {"class_type": "MaskToImage", "inputs": {"mask": ["2", 0]}},
                 "4": {"class_type": "PreviewImage", "inputs": {"images": ["3", 0]}}}
                """.formatted(uri));
        assertThatThrownBy(() -> executor.run(alphaOfImage, new TestContext(input)))
                .hasMessageContaining("Node 2 (ImageToMask)").hasMessageContaining("no alpha");
    }

    @Test
    void upscaleModelStandInScalesByTheFactorInItsName() throws Exception {
        ObjectNode wf = workflow("""
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 5, "height": 3, "batch_size": 1, "color": 0}},
                 "2": {"class_type": "UpscaleModelLoader", "inputs": {"model_name": "RealESRGAN_x2plus.pth"}},
                 "3": {"class_type": "ImageUpscaleWithModel", "inputs": {"upscale_model": ["2", 0], "image": ["1", 0]}},
                 "4": {"class_type": "SaveImage", "inputs": {"images": ["3", 0], "filename_prefix": "u"}}}
                """);
        assertThat(runSingle(wf).getWidth()).isEqualTo(10);
        ((ObjectNode) wf.get("2").get("inputs")).put("model_name", "4x-UltraSharp.pth");
        assertThat(runSingle(wf).getWidth()).isEqualTo(20);
    }

    @Test
    void loadImageFromTheInputFolderAndRefusesEscapesAndRemoteHosts() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", input.resolve("here.png").toFile());
        assertThat(runSingle(load("here.png [input]")).getWidth()).isEqualTo(2);

        assertThatThrownBy(() -> executor.run(load("../secret.png"), new TestContext(input)))
                .hasMessageContaining("outside the sandbox input folder");
        assertThatThrownBy(() -> executor.run(load("missing.png"), new TestContext(input)))
                .hasMessageContaining("\"missing.png\", which is not in the sandbox input folder")
                .hasMessageContaining("here.png");
        assertThatThrownBy(() -> executor.run(load("https://example.com/cat.png"), new TestContext(input)))
                .hasMessageContaining("Node 1 (LoadImage)").hasMessageContaining("example.com")
                .hasMessageContaining("only fetches images from this computer");
        assertThat(ImageSources.isLoopback("127.0.0.1")).isTrue();
        assertThat(ImageSources.isLoopback("[::1]")).isTrue();
        assertThat(ImageSources.isLoopback("localhost")).isTrue();
        assertThat(ImageSources.isLoopback("10.0.0.1")).isFalse();
        assertThat(ImageSources.isLoopback("127.0.0.1.nip.io")).isFalse();
    }

    @Test
    void dataUriInputsAreKeptAsRequestInputs() throws Exception {
        TestContext ctx = new TestContext(input);
        executor.run(load(dataUri(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB))), ctx);
        assertThat(ctx.inputs).containsOnlyKeys("upload.png");
    }

    @Test
    void cancellationStopsBetweenNodes() {
        TestContext ctx = new TestContext(input);
        ctx.cancel = true;
        assertThatThrownBy(() -> executor.run(small(sample("sample-txt2img")), ctx))
                .isInstanceOf(ExecutionCancelledException.class);
        assertThat(ctx.outputs).isEmpty();
    }

    @Test
    void imageEditSampleRunsOnTheShippedInputImage() throws Exception {
        Files.copy(Path.of("assets/images/sandbox-sample.png"), input.resolve("sandbox-sample.png"));
        TestContext ctx = new TestContext(input);
        Map<String, ObjectNode> ui = executor.run(sample("sample-image-edit"), ctx);
        assertThat(ui).containsOnlyKeys("14");
        assertThat(ui.get("14").get("images").get(0).get("filename").asText()).isEqualTo("edited_00001_.png");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(ctx.outputs.get("edited_00001_.png")));
        assertThat(out.getWidth()).isEqualTo(320);
        assertThat(out.getHeight()).isEqualTo(240);
    }

    // --- helpers

    private BufferedImage runOp(String dataUri, String classType, String extraInputs) throws Exception {
        return runSingle(workflow("""
                {"1": {"class_type": "LoadImage", "inputs": {"image": "%s"}},
                 "2": {"class_type": "%s", "inputs": {"image": ["1", 0], %s}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "t"}}}
                """.formatted(dataUri, classType, extraInputs)));
    }

    private static int[][] reds(BufferedImage image) {
        int[][] out = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out[y][x] = (image.getRGB(x, y) >> 16) & 0xFF;
            }
        }
        return out;
    }

    private ObjectNode load(String image) {
        ObjectNode wf = JSON.createObjectNode();
        wf.putObject("1").put("class_type", "LoadImage").putObject("inputs").put("image", image);
        ObjectNode save = wf.putObject("2").put("class_type", "SaveImage");
        save.putObject("inputs").put("filename_prefix", "x").putArray("images").add("1").add(0);
        return wf;
    }

    private BufferedImage runSingle(ObjectNode wf) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(runBytes(wf)));
    }

    private byte[] runBytes(ObjectNode wf) throws Exception {
        TestContext ctx = new TestContext(input);
        executor.run(wf, ctx);
        assertThat(ctx.outputs).hasSize(1);
        return ctx.outputs.values().iterator().next();
    }

    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("assets/workflows/" + name + ".json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The txt2img sample at 64x64, to keep tests fast. */
    private static ObjectNode small(ObjectNode wf) {
        ((ObjectNode) wf.get("5").get("inputs")).put("width", 64).put("height", 64);
        return wf;
    }

    private static ObjectNode with(ObjectNode base, String node, String input, Object value) {
        ObjectNode copy = base.deepCopy();
        ((ObjectNode) copy.get(node).get("inputs")).set(input, JSON.valueToTree(value));
        return copy;
    }

    private static ObjectNode workflow(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String dataUri(BufferedImage image) throws IOException {
        return TestImages.dataUri(image);
    }

    static String textChunk(byte[] png, String keyword) throws IOException {
        return TestImages.textChunk(png, keyword);
    }
}
