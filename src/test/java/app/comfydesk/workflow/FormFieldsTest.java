package app.comfydesk.workflow;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FormFieldsTest {

    private final WorkflowReader reader = new WorkflowReader();

    private Map<String, List<FieldDescriptor>> describe(String json, NodeSchemas schemas) throws Exception {
        return FormFields.describe(reader.read(json, "t.json").workflow(), schemas);
    }

    private static FieldDescriptor field(Map<String, List<FieldDescriptor>> fields, String node, String key) {
        return fields.get(node).stream().filter(f -> f.ref().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void kindsComeFromTheBuiltInSchemaForCoreNodes() throws Exception {
        var fields = describe(WorkflowReaderTest.SMALL.replace("\"coords\"", "\"sampler_name\""), null);
        assertThat(field(fields, "3", "seed").kind()).isEqualTo(FieldKind.SEED);
        assertThat(field(fields, "3", "cfg").kind()).isEqualTo(FieldKind.FLOAT);
        assertThat(field(fields, "3", "cfg").spec()).isInstanceOf(FloatSpec.class);
        assertThat(field(fields, "3", "denoise").original().asText()).isEqualTo("0.50");
        assertThat(field(fields, "3", "positive").kind()).isEqualTo(FieldKind.LINK);
        assertThat(field(fields, "3", "positive").editable()).isFalse();
        assertThat(field(fields, "3", "positive").original().toString()).isEqualTo("[\"92:9\",0]");
        assertThat(field(fields, "3", "widget").kind()).isEqualTo(FieldKind.JSON);
        assertThat(field(fields, "3", "nothing").kind()).isEqualTo(FieldKind.JSON);
        assertThat(field(fields, "3", "pair").kind()).isEqualTo(FieldKind.JSON);
        assertThat(field(fields, "4", "ckpt_name").kind()).isEqualTo(FieldKind.COMBO);
        assertThat(field(fields, "92:9", "text").kind()).isEqualTo(FieldKind.TEXT);
        assertThat(field(fields, "92:9", "text").role()).isEqualTo(PromptRole.POSITIVE);
        assertThat(fields.keySet()).containsExactly("4", "92:9", "3");
    }

    @Test
    void withoutASchemaTheValueDecides() throws Exception {
        var fields = describe("""
                {"1": {"class_type": "MyCustomNode", "inputs": {"count": 3, "ratio": 0.5, "on": true,
                  "name": "x", "notes": "line 1\\nline 2", "noise_seed": 42, "cfg": {"a": 1}, "list": [1, 2, 3],
                  "nil": null}},
                 "2": {"class_type": "VHS_LoadVideo", "inputs": {"video": "clip.mp4", "format": "AnimateDiff"}}}""",
                NodeSchemas.empty());
        assertThat(fields.get("1")).extracting(FieldDescriptor::kind).containsExactly(FieldKind.INT, FieldKind.FLOAT,
                FieldKind.BOOLEAN, FieldKind.STRING, FieldKind.TEXT, FieldKind.SEED, FieldKind.JSON, FieldKind.JSON,
                FieldKind.JSON);
        assertThat(fields.get("1")).allSatisfy(f -> assertThat(f.spec()).isNull());
        assertThat(field(fields, "2", "video").kind()).isEqualTo(FieldKind.MEDIA);
        assertThat(field(fields, "2", "format").kind()).isEqualTo(FieldKind.STRING);
    }

    @Test
    void aDeploymentSchemaWinsAndAContradictingOneIsIgnored() throws Exception {
        NodeSchemas schemas = NodeSchemas.parse("""
                {"MyNode": {"input": {"required": {
                  "mode": [["a", "b"]], "steps": ["INT", {"min": 1}], "label": ["STRING", {"multiline": true}],
                  "pic": [["x.png"], {"image_upload": true}], "flag": ["BOOLEAN"], "r": ["FLOAT"],
                  "salt": ["INT", {"control_after_generate": true}], "seed": ["INT", {"control_after_generate": false}],
                  "wrong": ["INT"]}}}}""");
        var fields = describe("""
                {"1": {"class_type": "MyNode", "inputs": {"mode": "a", "steps": 4, "label": "x", "pic": "y.png",
                  "flag": false, "r": 1, "salt": 7, "seed": 1, "wrong": "text after all"}}}""", schemas);
        assertThat(fields.get("1")).extracting(FieldDescriptor::kind).containsExactly(FieldKind.COMBO, FieldKind.INT,
                FieldKind.TEXT, FieldKind.MEDIA, FieldKind.BOOLEAN, FieldKind.FLOAT, FieldKind.SEED, FieldKind.INT,
                FieldKind.STRING);
    }

    @Test
    void loadImageIsMediaFromTheBuiltInSchema() throws Exception {
        var fields = describe("{\"1\": {\"class_type\": \"LoadImage\", \"inputs\": {\"image\": \"in.png\", "
                + "\"upload\": \"image\"}}}", null);
        assertThat(field(fields, "1", "image").kind()).isEqualTo(FieldKind.MEDIA);
        assertThat(field(fields, "1", "image").spec()).isInstanceOf(UploadSpec.class);
    }

    @Test
    void promptRolesFollowConditioningThroughControlNetsAndGuidance() throws Exception {
        var fields = describe("""
                {"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "a castle", "clip": ["9", 1]}},
                 "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["9", 1]}},
                 "3": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["1", 0], "negative": ["2", 0],
                       "control_net": ["9", 0], "image": ["9", 0], "strength": 1}},
                 "4": {"class_type": "FluxGuidance", "inputs": {"conditioning": ["3", 0], "guidance": 3.5}},
                 "5": {"class_type": "KSampler", "inputs": {"positive": ["4", 0], "negative": ["3", 1],
                       "seed": 1, "model": ["9", 0]}},
                 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "unused", "clip": ["9", 1]}},
                 "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "both", "clip": ["9", 1]}},
                 "8": {"class_type": "KSampler", "inputs": {"positive": ["7", 0], "negative": ["7", 0]}},
                 "9": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "m.safetensors"}}}""", null);
        assertThat(field(fields, "1", "text").role()).isEqualTo(PromptRole.POSITIVE);
        assertThat(field(fields, "2", "text").role()).isEqualTo(PromptRole.NEGATIVE);
        assertThat(field(fields, "6", "text").role()).isEqualTo(PromptRole.PROMPT);
        assertThat(field(fields, "7", "text").role()).isEqualTo(PromptRole.PROMPT);
        assertThat(field(fields, "9", "ckpt_name").role()).isEqualTo(PromptRole.NONE);
        assertThat(field(fields, "4", "guidance").role()).isEqualTo(PromptRole.NONE);
    }

    @Test
    void aGuiderAndATextSourceNodeCarryTheRole() throws Exception {
        var fields = describe("""
                {"1": {"class_type": "PrimitiveString", "inputs": {"value": "a fox", "name": "prompt"}},
                 "2": {"class_type": "CLIPTextEncodeFlux", "inputs": {"clip_l": ["1", 0], "t5xxl": "a fox, detailed",
                       "guidance": 3.5, "clip": ["9", 0]}},
                 "3": {"class_type": "BasicGuider", "inputs": {"conditioning": ["2", 0], "model": ["9", 0]}},
                 "9": {"class_type": "DualCLIPLoader", "inputs": {"clip_name1": "a", "clip_name2": "b",
                       "type": "flux"}}}""", null);
        assertThat(field(fields, "2", "t5xxl").role()).isEqualTo(PromptRole.POSITIVE);
        assertThat(field(fields, "2", "t5xxl").kind()).isEqualTo(FieldKind.TEXT);
        assertThat(field(fields, "1", "value").role()).isEqualTo(PromptRole.POSITIVE);
        assertThat(field(fields, "1", "value").kind()).isEqualTo(FieldKind.TEXT);
        assertThat(field(fields, "1", "name").role()).isEqualTo(PromptRole.NONE);
        assertThat(field(fields, "9", "clip_name1").role()).isEqualTo(PromptRole.NONE); // a clip link is not text
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusInputGetsAKind() {
        NodeSchemas[] variants = {null, loadBigDump()};
        return Corpus.files("workflows/api").stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> {
                    Workflow workflow = reader.read(file).workflow();
                    for (NodeSchemas schemas : variants) {
                        var fields = FormFields.describe(workflow, schemas);
                        int inputs = workflow.nodes().stream().mapToInt(n -> n.inputs().size()).sum();
                        assertThat(fields.values().stream().mapToInt(List::size).sum()).isEqualTo(inputs);
                        fields.values().forEach(list -> list.forEach(f -> {
                            boolean link = workflow.input(f.ref()).orElseThrow().isLink();
                            assertThat(f.kind() == FieldKind.LINK).isEqualTo(link);
                        }));
                    }
                }));
    }

    @Test
    void everyObjectInfoSpecMapsToAFieldKind() throws Exception {
        for (var file : Corpus.files("object_info")) {
            Map<FieldKind, Integer> counts = new TreeMap<>();
            NodeSchemas.parse(file).all().forEach(schema -> schema.inputs().forEach(spec ->
                    counts.merge(FormFields.kindFor(spec), 1, Integer::sum)));
            System.out.printf("object_info %s: field kinds %s%n", file.getFileName(), counts);
            assertThat(counts).isNotEmpty();
        }
    }

    private static NodeSchemas loadBigDump() {
        try {
            return NodeSchemas.parse(
                    Corpus.root().resolve("object_info/rvion__comfy-ts__tests_fixtures_object_info.json"));
        } catch (WorkflowFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
