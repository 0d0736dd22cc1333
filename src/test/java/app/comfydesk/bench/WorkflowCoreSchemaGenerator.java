package app.comfydesk.bench;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Derives the built-in core schema {@code assets/schema/core-object-info.json} from a real ComfyUI object_info dump
 * (the corpus's rvion/comfy-ts fixture): only the core nodes below, only the keys the app reads, and model/file
 * lists emptied, because the models on the user's deployment are unknown here and an empty combo means "accept any
 * name" (see ComboSpec). Not a benchmark; it lives with the bench mains so it runs the same way:
 *
 * <pre>mvn -Pbench -Dbench=WorkflowCoreSchemaGenerator test-compile exec:java</pre>
 *
 * CoreSchemaTest fails when the shipped file and this generator disagree.
 */
public final class WorkflowCoreSchemaGenerator {

    public static final String DUMP = "object_info/rvion__comfy-ts__tests_fixtures_object_info.json";
    public static final Path OUTPUT = Path.of("assets/schema/core-object-info.json");

    /** The nodes almost every shared workflow uses; classes missing from the dump are skipped. */
    public static final List<String> CORE_NODES = List.of(
            "KSampler", "KSamplerAdvanced", "SamplerCustomAdvanced", "KSamplerSelect", "BasicScheduler",
            "RandomNoise", "BasicGuider", "CFGGuider",
            "CheckpointLoaderSimple", "LoraLoader", "LoraLoaderModelOnly", "VAELoader", "UNETLoader", "CLIPLoader",
            "DualCLIPLoader", "CLIPSetLastLayer", "ControlNetLoader", "UpscaleModelLoader", "CLIPVisionLoader",
            "CLIPTextEncode", "CLIPTextEncodeSDXL", "CLIPTextEncodeFlux", "FluxGuidance", "ConditioningCombine",
            "ConditioningSetArea", "ControlNetApply", "ControlNetApplyAdvanced", "CLIPVisionEncode",
            "InpaintModelConditioning", "ModelSamplingDiscrete",
            "EmptyLatentImage", "EmptySD3LatentImage", "LatentUpscale", "LatentUpscaleBy", "SetLatentNoiseMask",
            "VAEDecode", "VAEEncode", "VAEEncodeForInpaint",
            "LoadImage", "LoadImageMask", "SaveImage", "PreviewImage", "SaveAnimatedWEBP", "EmptyImage",
            "ImageScale", "ImageScaleBy", "ImageUpscaleWithModel", "ImageInvert", "ImageBlur", "ImageSharpen",
            "ImageCrop", "ImageFlip", "ImageBatch", "ImageCompositeMasked",
            "LoadAudio", "SaveAudio");

    private static final List<String> KEPT_KEYS = List.of("input", "input_order", "output", "output_name", "name",
            "display_name", "category", "output_node");
    /** Option lists of file names are the dump machine's models and images, not facts about the node. */
    private static final Pattern FILE_NAME = Pattern.compile(".+\\.[A-Za-z0-9]{1,12}");

    private WorkflowCoreSchemaGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
        Path output = args.length > 0 ? Path.of(args[0]) : OUTPUT;
        ObjectNode core = generate(ExactJson.parse(Files.readAllBytes(corpus.resolve(DUMP))));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, ExactJson.writePretty(core) + "\n", StandardCharsets.UTF_8);
        System.out.printf("Wrote %d core node classes to %s%n", core.size(), output.toAbsolutePath());
    }

    public static ObjectNode generate(JsonNode dump) {
        ObjectNode core = ExactJson.NODES.objectNode();
        for (String classType : CORE_NODES) {
            JsonNode full = dump.get(classType);
            if (full == null || !full.isObject()) {
                continue;
            }
            ObjectNode node = core.putObject(classType);
            for (String key : KEPT_KEYS) {
                if (full.has(key)) {
                    node.set(key, full.get(key).deepCopy());
                }
            }
            JsonNode inputs = node.path("input");
            if (inputs.isObject()) {
                ((ObjectNode) inputs).remove("hidden"); // filled in by the server, never part of a workflow
                for (JsonNode section : inputs) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                        forgetFileLists(it.next().getValue());
                    }
                }
            }
            if (node.path("input_order").isObject()) {
                ((ObjectNode) node.get("input_order")).remove("hidden");
            }
        }
        return core;
    }

    private static void forgetFileLists(JsonNode spec) {
        if (!spec.isArray() || spec.isEmpty()) {
            return;
        }
        JsonNode first = spec.get(0);
        JsonNode opts = spec.size() > 1 ? spec.get(1) : null;
        if (first.isArray() && isFileList(first, opts)) {
            ((ArrayNode) first).removeAll();
        } else if (first.isTextual() && first.asText().equals("COMBO") && opts != null && opts.isObject()
                && isFileList(opts.path("options"), opts)) {
            ((ArrayNode) opts.get("options")).removeAll();
        }
    }

    private static boolean isFileList(JsonNode options, JsonNode opts) {
        if (!options.isArray()) {
            return false;
        }
        boolean upload = opts != null && opts.isObject()
                && (opts.has("image_upload") || opts.has("video_upload") || opts.has("audio_upload"));
        if (upload) {
            return true;
        }
        for (JsonNode option : options) {
            if (!option.isTextual() || !FILE_NAME.matcher(option.asText()).matches()) {
                return false;
            }
        }
        return !options.isEmpty();
    }
}
