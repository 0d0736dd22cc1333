package app.comfydesk.workflow;

import app.comfydesk.workflow.WorkflowFormatException.Reason;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowReaderTest {

    static final String SMALL = """
            {
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15.safetensors"}},
              "92:9": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]},
                       "_meta": {"title": "Positive"}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 18446744073709551615, "cfg": 1e-05,
                    "denoise": 0.50, "positive": ["92:9", 0], "model": ["4", 0],
                    "coords": ["euler", 0], "pair": [1, 2], "widget": {"__value__": [false, true]}, "nothing": null},
                    "is_changed": ["x"]}
            }""";

    private final WorkflowReader reader = new WorkflowReader();

    @Test
    void readsNodesInputsTitlesAndLinks() throws Exception {
        Workflow workflow = reader.read(SMALL, "small.json").workflow();

        assertThat(workflow.nodes()).extracting(Node::id).containsExactly("4", "92:9", "3");
        Node encoder = workflow.node("92:9").orElseThrow();
        assertThat(encoder.classType()).isEqualTo("CLIPTextEncode");
        assertThat(encoder.title()).isEqualTo("Positive");
        assertThat(encoder.displayTitle()).isEqualTo("Positive");
        assertThat(workflow.node("4").orElseThrow().displayTitle()).isEqualTo("CheckpointLoaderSimple");
        assertThat(encoder.input("clip").orElseThrow().value()).isEqualTo(new InputValue.Link("4", 1));

        Node sampler = workflow.node("3").orElseThrow();
        assertThat(sampler.inputs()).extracting(Input::key).containsExactly("seed", "cfg", "denoise", "positive",
                "model", "coords", "pair", "widget", "nothing");
        assertThat(sampler.input("positive").orElseThrow().value()).isEqualTo(new InputValue.Link("92:9", 0));
        // lists that are not links stay literal
        assertThat(sampler.input("coords").orElseThrow().value()).isInstanceOf(InputValue.Literal.class);
        assertThat(sampler.input("pair").orElseThrow().value()).isInstanceOf(InputValue.Literal.class);
        JsonNode seed = ((InputValue.Literal) sampler.input("seed").orElseThrow().value()).value();
        assertThat(seed.bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(Corpus.tokens(workflow.toJson())).containsExactlyElementsOf(Corpus.tokens(SMALL));
    }

    @Test
    void theWorkflowCannotBeChangedThroughWhatItHandsOut() throws Exception {
        Workflow workflow = reader.read(SMALL, "small.json").workflow();
        String before = workflow.toCompactJson();
        JsonNode widget = ((InputValue.Literal) workflow.node("3").orElseThrow().input("widget").orElseThrow()
                .value()).value();
        ((com.fasterxml.jackson.databind.node.ObjectNode) widget).put("hacked", true);
        workflow.toObjectNode().remove("3");
        assertThat(workflow.toCompactJson()).isEqualTo(before);
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        assertThat(reader.read("\uFEFF" + SMALL, "bom.json").workflow().size()).isEqualTo(3);
        byte[] utf8 = ("\uFEFF" + SMALL).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(new ByteArrayInputStream(utf8), "bom.json").workflow().size()).isEqualTo(3);
    }

    @Test
    void nonNodeKeysAreSkippedWithAWarning() throws Exception {
        LoadedWorkflow loaded = reader.read("""
                {"_comment": "made by hand", "version": 2,
                 "1": {"class_type": "EmptyLatentImage", "inputs": {"width": 512}}}""", "w.json");
        assertThat(loaded.workflow().nodes()).extracting(Node::id).containsExactly("1");
        assertThat(loaded.warnings()).hasSize(2).first().asString().contains("_comment").contains("not a node");
    }

    @Test
    void envelopesUnwrap() throws Exception {
        String inner = "{\"1\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512}}}";
        for (String wrapped : new String[] {
            "{\"prompt\": " + inner + ", \"client_id\": \"abc\"}",
            "{\"input\": {\"workflow\": " + inner + ", \"images\": []}}",
            "{\"workflow_api_json\": " + inner + ", \"overrides\": {}}",
        }) {
            LoadedWorkflow loaded = reader.read(wrapped, "envelope.json");
            assertThat(loaded.workflow().toCompactJson()).isEqualTo(ExactJson.write(ExactJson.parse(inner)));
            assertThat(loaded.warnings()).isEmpty();
        }
        // a real node called "prompt" is a node, not an envelope
        LoadedWorkflow node = reader.read("{\"prompt\": {\"class_type\": \"X\", \"inputs\": {}}}", "p.json");
        assertThat(node.workflow().nodes()).extracting(Node::id).containsExactly("prompt");
    }

    @Test
    void uiFormatIsRejectedWithTheExportHint() {
        assertRejected("{\"last_node_id\": 9, \"nodes\": [], \"links\": []}", Reason.UI_FORMAT,
                "editor workflow", "Export (API)", "Save (API Format)");
        assertRejected("{\"prompt\": {\"nodes\": [], \"links\": []}}", Reason.UI_FORMAT, "Export (API)");
        assertRejected("{\"nodes\": [{\"id\": 1, \"type\": \"KSampler\"}]}", Reason.UI_FORMAT, "Export (API)");
    }

    @Test
    void aDuplicateKeyAtAnyLevelIsRefusedWithTheKeyAndLine() {
        // A second "3" would otherwise replace the KSampler without a word.
        assertRejected("{\n  \"3\": {\"class_type\": \"KSampler\", \"inputs\": {}},\n"
                + "  \"3\": {\"class_type\": \"SaveImage\", \"inputs\": {}}\n}", Reason.NOT_JSON,
                "w.json has the key \u201c3\u201d twice in the same object at line 3, column 3", "remove or rename");
        assertRejected("{\"1\": {\"class_type\": \"X\",\n \"inputs\": {\"seed\": 1,\n \"seed\": 2}}}", Reason.NOT_JSON,
                "the key \u201cseed\u201d twice in the same object at line 3");
        assertRejected("{\"1\": {\"class_type\": \"X\", \"inputs\": {\"w\": {\"a\": [{\"b\": 1, \"b\": 1}]}}}}",
                Reason.NOT_JSON, "the key \u201cb\u201d twice");
    }

    @Test
    void truncatedAndBrokenJsonNameLineAndColumn() {
        assertRejected("{\n  \"1\": {\"class_type\": \"X\",\n  \"inputs\": {", Reason.NOT_JSON,
                "w.json ends too early at line 3", "truncated");
        assertRejected("{\n  \"1\": {\"class_type\": \"X\" \"inputs\": {}}}", Reason.NOT_JSON,
                "w.json is not valid JSON at line 2, column 27");
        assertRejected("hello", Reason.NOT_JSON, "not valid JSON at line 1");
        assertRejected("", Reason.NOT_JSON, "w.json is empty");
    }

    @Test
    void topLevelThatIsNotAnObjectOfNodes() {
        assertRejected("[1, 2]", Reason.NOT_A_WORKFLOW, "top level is a list");
        assertRejected("{\"a\": 1}", Reason.NOT_A_WORKFLOW, "contains no ComfyUI nodes");
        assertRejected("{}", Reason.NOT_A_WORKFLOW, "contains no ComfyUI nodes");
    }

    @Test
    void nodesWithoutClassTypeOrInputsAreRejected() {
        assertRejected("{\"5\": {\"inputs\": {}}}", Reason.INVALID_NODE, "Node \u201c5\u201d", "class_type");
        assertRejected("{\"5\": {\"class_type\": \"KSampler\"}}", Reason.INVALID_NODE, "Node \u201c5\u201d (KSampler)",
                "has no \u201cinputs\u201d");
        assertRejected("{\"5\": {\"class_type\": \"KSampler\", \"inputs\": [1]}}", Reason.INVALID_NODE,
                "non-object \u201cinputs\u201d");
    }

    @Test
    void aLinkToAMissingNodeIsRejectedNamingNodeAndInput() {
        assertRejected("{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"model\": [\"99\", 0]}}}",
                Reason.BROKEN_LINK, "Node \u201c3\u201d (KSampler) input \u201cmodel\u201d",
                "node \u201c99\u201d, which is not in the workflow");
        assertRejected("{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"model\": [\"12:4\", 2]}}}",
                Reason.BROKEN_LINK, "\u201c12:4\u201d");
    }

    @Test
    void filesOver50MiBAreRejectedBeforeParsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("huge.json");
        try (var channel = Files.newByteChannel(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.position(WorkflowReader.MAX_BYTES); // sparse: no 50 MiB of disk needed
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
        }
        assertThatThrownBy(() -> reader.read(big)).isInstanceOfSatisfying(WorkflowFormatException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
            assertThat(e.getMessage()).contains("huge.json is larger than 50 MiB (52,428,801 bytes)", "up to 50 MiB");
        });
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };
        assertThatThrownBy(() -> reader.read(endless, "pipe")).isInstanceOfSatisfying(WorkflowFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void missingFilesSayWhere(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.json")))
                .isInstanceOfSatisfying(WorkflowFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                    assertThat(e.getMessage()).contains("nope.json was not found");
                });
    }

    @Test
    void readsThePromptFromEveryKindOfPngTextChunk() throws Exception {
        // non-Latin-1 text survives in every chunk type that can carry it
        String prompt = SMALL.replace("a cat", "a caf\u00e9 \u732b");
        byte[][] pngs = {
            new Png().tEXt("workflow", "{\"nodes\": []}", StandardCharsets.ISO_8859_1)
                    .tEXt("prompt", prompt, StandardCharsets.UTF_8).bytes(),
            new Png().zTXt("prompt", SMALL).bytes(),
            new Png().iTXt("prompt", prompt, false).bytes(),
            new Png().iTXt("prompt", prompt, true).bytes(),
        };
        String[] expected = {prompt, SMALL, prompt, prompt};
        for (int i = 0; i < pngs.length; i++) {
            LoadedWorkflow loaded = reader.read(new ByteArrayInputStream(pngs[i]), "ComfyUI_00001_.png");
            assertThat(Corpus.tokens(loaded.workflow().toJson())).as("png %d", i)
                    .containsExactlyElementsOf(Corpus.tokens(expected[i]));
        }
    }

    @Test
    void latin1TextChunksDecodeAsLatin1() throws Exception {
        String prompt = SMALL.replace("a cat", "caf\u00e9");
        byte[] png = new Png().tEXt("prompt", prompt, StandardCharsets.ISO_8859_1).bytes();
        Workflow workflow = reader.read(new ByteArrayInputStream(png), "x.png").workflow();
        assertThat(workflow.toJson()).contains("caf\u00e9");
    }

    @Test
    void pngsWithoutAPromptAreRejected(@TempDir Path dir) throws Exception {
        Path onlyGraph = dir.resolve("graph.png");
        Files.write(onlyGraph, new Png().tEXt("workflow", "{\"nodes\": []}", StandardCharsets.UTF_8).bytes());
        assertThatThrownBy(() -> reader.read(onlyGraph)).isInstanceOfSatisfying(WorkflowFormatException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_PROMPT_IN_IMAGE);
            assertThat(e.getMessage()).contains("graph.png holds only the editor graph");
        });
        Path plain = dir.resolve("photo.png");
        Files.write(plain, new Png().bytes());
        assertThatThrownBy(() -> reader.read(plain)).isInstanceOfSatisfying(WorkflowFormatException.class, e ->
                assertThat(e.getMessage()).contains("photo.png has no ComfyUI prompt", "workflow_api.json"));
        byte[] truncated = java.util.Arrays.copyOf(new Png().zTXt("prompt", SMALL).bytes(), 40);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(truncated), "cut.png"))
                .isInstanceOfSatisfying(WorkflowFormatException.class, e ->
                        assertThat(e.getMessage()).contains("cut.png is a damaged PNG", "truncated"));
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xd8,
            (byte) 0xff, 0}), "photo.jpg")).hasMessageContaining("photo.jpg is a JPEG image");
    }

    @Test
    void aPromptChunkWithBrokenJsonSaysSo() {
        byte[] png = new Png().tEXt("prompt", "{\"1\": ", StandardCharsets.UTF_8).bytes();
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(png), "x.png"))
                .hasMessageContaining("x.png (PNG prompt) ends too early");
    }

    private void assertRejected(String json, Reason reason, String... fragments) {
        assertThatThrownBy(() -> reader.read(json, "w.json"))
                .isInstanceOfSatisfying(WorkflowFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(fragments).doesNotContain("Exception", "\tat ");
                });
    }
}
