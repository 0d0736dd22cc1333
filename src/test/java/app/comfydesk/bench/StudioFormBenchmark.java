package app.comfydesk.bench;

import app.comfydesk.ui.StudioFixture;
import app.comfydesk.ui.StudioWindow;
import app.comfydesk.ui.workflow.WorkflowDocument;
import app.comfydesk.ui.workflow.WorkflowLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Time to first paint and extra heap of the studio form, for the largest corpus workflow and a synthetic
 * 2,000-node one. "First paint" is measured on the FX thread from handing the parsed document to the form until
 * the first pulse after it has laid out and rendered the window (a post-layout pulse listener plus a snapshot of
 * the scene, which forces rendering). Parsing and describing run off the FX thread in the app and are reported
 * apart. Heap is measured after GC, before and after loading, with the form shown.
 *
 * <pre>mvn -Pbench -Dbench=StudioFormBenchmark test-compile exec:java</pre>
 * Headless by default (Monocle); pass -Dbench.display=true under a real or Xvfb display.
 */
public final class StudioFormBenchmark {

    private static final int RUNS = 7;

    private StudioFormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Boolean.getBoolean("bench.display")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("testfx.headless", "true");
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        Path corpus = Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
        Path largest;
        try (var files = Files.list(corpus.resolve("workflows/api"))) {
            largest = files.max(Comparator.comparingLong(StudioFormBenchmark::size)).orElseThrow();
        }
        String synthetic = synthetic(2000);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        measure("largest corpus workflow (" + largest.getFileName() + ")", Files.readString(largest));
        measure("synthetic 2,000 nodes", synthetic);
        Platform.exit();
        System.exit(0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void measure(String name, String json) throws Exception {
        WorkflowLoader loader = new WorkflowLoader();
        List<Double> parse = new ArrayList<>();
        List<Double> paint = new ArrayList<>();
        List<Double> modelMs = new ArrayList<>();
        List<Double> edit = new ArrayList<>();
        long extraHeap = 0;
        int nodes = 0;
        for (int run = 0; run < RUNS; run++) {
            long p0 = System.nanoTime();
            WorkflowDocument document = loader.load(json, "bench.json", null);
            parse.add((System.nanoTime() - p0) / 1e6);
            nodes = document.workflow().nodes().size();
            StudioWindow[] studio = new StudioWindow[1];
            onFx(() -> {
                Stage stage = new Stage();
                studio[0] = new StudioFixture(stage).studio;
                return null;
            });
            // The empty window paints first, so the figure below is the form's own cost.
            CompletableFuture<Double> windowShown = new CompletableFuture<>();
            onFx(() -> {
                afterNextPaint(studio[0].window().root().getScene(), System.nanoTime(), windowShown);
                return null;
            });
            windowShown.get(60, TimeUnit.SECONDS);
            long before = usedHeapAfterGc();
            CompletableFuture<Double> firstPaint = new CompletableFuture<>();
            onFx(() -> {
                long t0 = System.nanoTime();
                studio[0].form().load(document);
                modelMs.add((System.nanoTime() - t0) / 1e6);
                afterNextPaint(studio[0].window().root().getScene(), t0, firstPaint);
                return null;
            });
            paint.add(firstPaint.get(60, TimeUnit.SECONDS));
            edit.add(onFx(() -> {
                // One keystroke in a prompt: new edit, changed marker, full validation, Submit's reason.
                var fields = studio[0].form().prompts().isEmpty() ? studio[0].form().sections().stream()
                        .flatMap(section -> section.sectionFields().stream())
                        .filter(f -> f.kind() == app.comfydesk.workflow.FieldKind.STRING).toList()
                        : studio[0].form().prompts();
                if (fields.isEmpty()) {
                    return 0.0;
                }
                var prompt = fields.get(0);
                long e0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    prompt.valueProperty().set(com.fasterxml.jackson.databind.node.TextNode.valueOf("edit " + i));
                    studio[0].submit().getBlockedReason();
                }
                return (System.nanoTime() - e0) / 20 / 1e6;
            }));
            long after = usedHeapAfterGc();
            extraHeap = Math.max(extraHeap, after - before);
            onFx(() -> {
                ((Stage) studio[0].window().root().getScene().getWindow()).close();
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "%s: %d nodes%n", name, nodes);
        System.out.printf(Locale.ROOT, "  parse + describe (background): first %.0f ms, median %.1f ms%n",
                parse.get(0), median(parse));
        System.out.printf(Locale.ROOT, "  first paint on the FX thread:  first %.0f ms, median %.1f ms (%d runs)%n",
                paint.get(0), median(paint), RUNS);
        System.out.printf(Locale.ROOT, "    of which building the form model: median %.1f ms%n", median(modelMs));
        System.out.printf(Locale.ROOT, "  one keystroke in a text input (edit + validation): median %.2f ms%n", median(edit));
        System.out.printf(Locale.ROOT, "  extra heap with the form shown: %.1f MB (max over runs)%n",
                extraHeap / (1024.0 * 1024.0));
    }

    /** Completes with the ms since {@code t0} once the next pulse has laid out and a frame has been rendered. */
    private static void afterNextPaint(Scene scene, long t0, CompletableFuture<Double> done) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // Rendering follows layout in the same pulse; a snapshot right after renders the same frame.
            Platform.runLater(() -> {
                try {
                    scene.snapshot(null);
                    done.complete((System.nanoTime() - t0) / 1e6);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(60);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** A plausible big graph: repeated txt2img chains plus image loaders and custom nodes with object values. */
    static String synthetic(int nodeCount) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        int id = 1;
        while (id <= nodeCount) {
            int base = id;
            node(root, id++, "CheckpointLoaderSimple", "Load Checkpoint").put("ckpt_name", "model_" + base
                    + ".safetensors");
            ObjectNode positive = node(root, id++, "CLIPTextEncode", "Positive " + base);
            positive.put("text", "a detailed painting of a city number " + base + ", golden hour, 35mm");
            positive.set("clip", link(json, base, 1));
            ObjectNode negative = node(root, id++, "CLIPTextEncode", "Negative " + base);
            negative.put("text", "blurry, low quality");
            negative.set("clip", link(json, base, 1));
            ObjectNode latent = node(root, id++, "EmptyLatentImage", null);
            latent.put("width", 1024).put("height", 1024).put("batch_size", 1);
            ObjectNode sampler = node(root, id++, "KSampler", null);
            sampler.put("seed", new java.math.BigInteger("18446744073709551000").add(
                    java.math.BigInteger.valueOf(base)));
            sampler.put("steps", 20).put("cfg", 7.5).put("sampler_name", "euler").put("scheduler", "normal")
                    .put("denoise", 1.0);
            sampler.set("model", link(json, base, 0));
            sampler.set("positive", link(json, base + 1, 0));
            sampler.set("negative", link(json, base + 2, 0));
            sampler.set("latent_image", link(json, base + 3, 0));
            ObjectNode custom = node(root, id++, "CustomNode" + (base % 17), "Custom " + base);
            custom.put("strength", 0.75).put("mode", "fast").put("enabled", true);
            custom.putObject("settings").put("a", 1).putArray("list").add(1).add(2);
            node(root, id++, "LoadImage", null).put("image", "input_" + base + ".png");
            ObjectNode save = node(root, id++, "SaveImage", null);
            save.put("filename_prefix", "run" + base);
            save.set("images", link(json, base + 4, 0));
        }
        return json.writeValueAsString(root);
    }

    private static ObjectNode node(ObjectNode root, int id, String classType, String title) {
        ObjectNode node = root.putObject(String.valueOf(id));
        ObjectNode inputs = node.putObject("inputs");
        node.put("class_type", classType);
        if (title != null) {
            node.putObject("_meta").put("title", title);
        }
        return inputs;
    }

    private static ArrayNode link(ObjectMapper json, int nodeId, int output) {
        return json.createArrayNode().add(String.valueOf(nodeId)).add(output);
    }
}
