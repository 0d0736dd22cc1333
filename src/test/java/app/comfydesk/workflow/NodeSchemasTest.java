package app.comfydesk.workflow;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every spec shape found in real object_info files, and the malformed ones, map to an honest InputSpec. */
class NodeSchemasTest {

    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private static NodeSchema parse(String inputs) throws Exception {
        return parseWithOrder(inputs, null);
    }

    private static NodeSchema parseWithOrder(String inputs, String order) throws Exception {
        String json = "{\"N\": {\"input\": " + inputs + (order == null ? "" : ", \"input_order\": " + order)
                + ", \"output\": [\"CONDITIONING\", \"CONDITIONING\"], \"output_name\": [\"positive\", \"negative\"],"
                + " \"display_name\": \"Node N\", \"category\": \"test\"}}";
        return NodeSchemas.parse(json).schema("N").orElseThrow();
    }

    private static InputSpec only(String spec) throws Exception {
        return parse("{\"required\": {\"x\": " + spec + "}}").input("x").orElseThrow();
    }

    @Test
    void numbersKeepBoundsStepRoundAndTheSeedControl() throws Exception {
        IntSpec seed = (IntSpec) only("[\"INT\", {\"default\": 0, \"min\": 0, \"max\": 18446744073709552000, "
                + "\"control_after_generate\": true, \"tooltip\": \"The seed\"}]");
        assertThat(seed.max()).isEqualTo(UINT64_MAX);
        assertThat(seed.min()).isZero();
        assertThat(seed.tooltip()).isEqualTo("The seed");
        assertThat(seed.hasControlAfterGenerate()).isTrue();
        assertThat(((IntSpec) only("[\"INT\", {\"max\": 1.8446744073709552e+19, \"min\": -1.8446744073709552e+19}]"))
                .max()).isEqualTo(UINT64_MAX);
        assertThat(((IntSpec) only("[\"INT\", {\"min\": -1.8446744073709552e+19}]")).min())
                .isEqualTo(UINT64_MAX.negate());
        assertThat(((IntSpec) only("[\"INT\", {\"max\": 1125899906842624, \"step\": 8, "
                + "\"control_after_generate\": \"fixed\"}]"))).satisfies(spec -> {
                    assertThat(spec.max()).isEqualTo(BigInteger.valueOf(1125899906842624L));
                    assertThat(spec.step()).isEqualTo(BigInteger.valueOf(8));
                    assertThat(spec.controlAfterGenerate()).isEqualTo("fixed");
                });
        assertThat(((IntSpec) only("[\"INT\", {\"control_after_generate\": false}]")).hasControlAfterGenerate())
                .isFalse();

        FloatSpec cfg = (FloatSpec) only("[\"FLOAT\", {\"default\": 8, \"min\": 0, \"max\": 100, \"step\": 0.1, "
                + "\"round\": 0.01}]");
        assertThat(cfg.step()).isEqualByComparingTo("0.1");
        assertThat(cfg.round()).isEqualByComparingTo("0.01");
        assertThat(cfg.defaultValue().asText()).isEqualTo("8");
        assertThat(((FloatSpec) only("[\"FLOAT\", {\"round\": false}]")).round()).isNull();
        // a FLOAT bound written as the float of 2^64 is a float bound: kept as written
        assertThat(((FloatSpec) only("[\"FLOAT\", {\"max\": 1.8446744073709552e+19}]")).max())
                .isEqualByComparingTo(new BigDecimal("1.8446744073709552e+19"));
    }

    @Test
    void stringsAndBooleans() throws Exception {
        StringSpec text = (StringSpec) only("[\"STRING\", {\"multiline\": true, \"dynamicPrompts\": true}]");
        assertThat(text.multiline()).isTrue();
        assertThat(text.dynamicPrompts()).isTrue();
        assertThat(((StringSpec) only("[\"STRING\", {\"default\": \"ComfyUI\"}]")).multiline()).isFalse();
        BooleanSpec toggle = (BooleanSpec) only("[\"BOOLEAN\", {\"default\": true, \"label_on\": \"on\"}]");
        assertThat(toggle.defaultValue().booleanValue()).isTrue();
        assertThat(toggle.labelOn()).isEqualTo("on");
        assertThat(only("[\"BOOLEAN\"]")).isInstanceOf(BooleanSpec.class);
    }

    @Test
    void combosInEveryForm() throws Exception {
        ComboSpec old = (ComboSpec) only("[[\"euler\", \"ddim\"], {\"default\": \"ddim\"}]");
        assertThat(old.options()).extracting(Object::toString).containsExactly("\"euler\"", "\"ddim\"");
        assertThat(old.allows(ExactJson.parse("\"ddim\""))).isTrue();
        assertThat(old.allows(ExactJson.parse("\"heun\""))).isFalse();

        ComboSpec mixed = (ComboSpec) only("[\"COMBO\", {\"options\": [1, 2.5, true, null, {\"k\": 1}, [1]], "
                + "\"multiselect\": true, \"control_after_generate\": true}]");
        assertThat(mixed.options()).hasSize(6);
        assertThat(mixed.multiselect()).isTrue();
        assertThat(mixed.allows(ExactJson.parse("2.50"))).isTrue();
        assertThat(mixed.allows(ExactJson.parse("{\"k\": 1}"))).isTrue();
        assertThat(mixed.controlAfterGenerate()).isEqualTo("true");

        ComboSpec empty = (ComboSpec) only("[[]]");
        assertThat(empty.acceptsAnyValue()).isTrue();
        assertThat(empty.allows(ExactJson.parse("\"anything.safetensors\""))).isTrue();
        assertThat(((ComboSpec) only("[\"COMBO\"]")).acceptsAnyValue()).isTrue();
    }

    @Test
    void uploadFlags() throws Exception {
        assertThat(only("[[\"a.png\"], {\"image_upload\": true}]")).isInstanceOfSatisfying(UploadSpec.class, s -> {
            assertThat(s.media()).isEqualTo(UploadSpec.Media.IMAGE);
            assertThat(s.options()).hasSize(1);
        });
        assertThat(((UploadSpec) only("[[], {\"video_upload\": true}]")).media()).isEqualTo(UploadSpec.Media.VIDEO);
        assertThat(((UploadSpec) only("[\"COMBO\", {\"options\": [], \"audio_upload\": true}]")).media())
                .isEqualTo(UploadSpec.Media.AUDIO);
        assertThat(((UploadSpec) only("[\"COMBO\", {\"options\": [\"toy.glb\"], \"file_upload\": true}]")).media())
                .isEqualTo(UploadSpec.Media.FILE);
        assertThat(only("[[\"a.png\"], {\"image_upload\": false}]")).isInstanceOf(ComboSpec.class);
    }

    @Test
    void connectionTypes() throws Exception {
        assertThat(((ConnectionSpec) only("[\"MODEL\"]")).types()).containsExactly("MODEL");
        assertThat(((ConnectionSpec) only("[\"*\"]")).acceptsAnyType()).isTrue();
        assertThat(((ConnectionSpec) only("[\"IMAGE,MASK\", {\"tooltip\": \"t\"}]")).types())
                .containsExactly("IMAGE", "MASK");
        // a primitive marked forceInput is a socket, not a widget
        assertThat(((ConnectionSpec) only("[\"STRING\", {\"forceInput\": true}]")).types()).containsExactly("STRING");
    }

    @Test
    void v3Types() throws Exception {
        assertThat(only("[\"COMFY_DYNAMICCOMBO_V3\", {\"options\": [{\"key\": \"scale dimensions\", \"inputs\": {}},"
                + " {\"key\": \"match size\", \"inputs\": {}}]}]")).isInstanceOfSatisfying(ComboSpec.class, s ->
                assertThat(s.options()).extracting(n -> n.asText()).containsExactly("scale dimensions", "match size"));
        assertThat(((ConnectionSpec) only("[\"COMFY_MATCHTYPE_V3\", {\"template\": {\"allowed_types\": "
                + "\"IMAGE,MASK\"}}]")).types()).containsExactly("IMAGE", "MASK");
        assertThat(((ConnectionSpec) only("[\"COMFY_MATCHTYPE_V3\", {}]")).acceptsAnyType()).isTrue();
        assertThat(only("[\"COMFY_AUTOGROW_V3\", {\"template\": {}}]")).isInstanceOf(UnknownSpec.class);
        assertThat(only("[\"STRING,FILE_3D_GLB\", {\"widgetType\": \"STRING\", \"default\": \"\"}]"))
                .isInstanceOf(StringSpec.class);
        assertThat(only("[\"IMAGECOMPARE\", {\"socketless\": true}]")).isInstanceOf(UnknownSpec.class);
    }

    @Test
    void malformedSpecsBecomeUnknownOrTheClosestHonestType() throws Exception {
        assertThat(only("\"PROMPT\"")).isInstanceOfSatisfying(UnknownSpec.class, s ->
                assertThat(s.reason()).contains("not a list"));
        assertThat(only("[]")).isInstanceOf(UnknownSpec.class);
        assertThat(only("[42]")).isInstanceOf(UnknownSpec.class);
        assertThat(only("[\"has spaces & symbols!\"]")).isInstanceOf(UnknownSpec.class);
        assertThat(only("[\"INT\", {\"min\": \"zero\"}, \"extra\"]")).isInstanceOfSatisfying(IntSpec.class, s ->
                assertThat(s.min()).isNull());
        assertThat(only("[\"FLOAT\", \"not options\"]")).isInstanceOf(FloatSpec.class);
        assertThat(only("null")).isInstanceOf(UnknownSpec.class);
    }

    @Test
    void inputOrderIsRespectedRequiredBeforeOptionalAndHiddenLeftOut() throws Exception {
        NodeSchema schema = parseWithOrder("{\"required\": {\"b\": [\"INT\"], \"a\": [\"INT\"], \"c\": [\"INT\"]},"
                + " \"optional\": {\"z\": [\"IMAGE\"], \"y\": [\"MASK\"]}, \"hidden\": {\"prompt\": \"PROMPT\"}}",
                "{\"required\": [\"a\", \"b\"], \"optional\": [\"y\", \"z\"]}");
        assertThat(schema.inputs()).extracting(InputSpec::name).containsExactly("a", "b", "c", "y", "z");
        assertThat(schema.inputs()).extracting(InputSpec::optional).containsExactly(false, false, false, true, true);
        assertThat(schema.displayName()).isEqualTo("Node N");
        assertThat(schema.category()).isEqualTo("test");
        assertThat(schema.outputTypes()).containsExactly("CONDITIONING", "CONDITIONING");
        assertThat(schema.outputNames()).containsExactly("positive", "negative");

        NodeSchema fileOrder = parse("{\"required\": {\"b\": [\"INT\"], \"a\": [\"INT\"]}}");
        assertThat(fileOrder.inputs()).extracting(InputSpec::name).containsExactly("b", "a");
    }

    @Test
    void oddClassesAndFilesAreHandled() throws Exception {
        NodeSchemas schemas = NodeSchemas.parse("{\"Broken\": 5, \"NoInputs\": {}, \"A\": {\"input\": []}}");
        assertThat(schemas.warnings()).singleElement().asString().contains("Broken");
        assertThat(schemas.schema("NoInputs").orElseThrow().inputs()).isEmpty();
        assertThat(schemas.schema("NoInputs").orElseThrow().displayName()).isEqualTo("NoInputs");
        assertThat(schemas.schema("A").orElseThrow().inputs()).isEmpty();
        assertThatThrownBy(() -> NodeSchemas.parse("[1]")).isInstanceOf(WorkflowFormatException.class)
                .hasMessageContaining("not an object_info.json");
        assertThatThrownBy(() -> NodeSchemas.parse("{\"A\": ")).isInstanceOf(WorkflowFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void theBuiltInSchemaHasTheCoreNodesWithFreeTextModelLists() {
        NodeSchemas core = NodeSchemas.builtIn();
        assertThat(core).isSameAs(NodeSchemas.builtIn());
        assertThat(core.schema("KSampler")).isPresent();
        assertThat(core.spec("KSampler", "seed").orElseThrow()).isInstanceOfSatisfying(IntSpec.class, s ->
                assertThat(s.max()).isEqualTo(UINT64_MAX));
        assertThat(core.spec("KSampler", "sampler_name").orElseThrow()).isInstanceOfSatisfying(ComboSpec.class, s ->
                assertThat(s.allows(ExactJson.NODES.textNode("euler"))).isTrue());
        for (String[] loader : List.of(new String[] {"CheckpointLoaderSimple", "ckpt_name"},
                new String[] {"LoraLoader", "lora_name"}, new String[] {"VAELoader", "vae_name"},
                new String[] {"UNETLoader", "unet_name"}, new String[] {"ControlNetLoader", "control_net_name"})) {
            assertThat(core.spec(loader[0], loader[1]).orElseThrow()).as(loader[0])
                    .isInstanceOfSatisfying(ComboSpec.class, s -> assertThat(s.acceptsAnyValue()).isTrue());
        }
        assertThat(core.spec("LoadImage", "image").orElseThrow()).isInstanceOfSatisfying(UploadSpec.class, s -> {
            assertThat(s.media()).isEqualTo(UploadSpec.Media.IMAGE);
            assertThat(s.options()).isEmpty(); // the dump machine's files are not the user's
        });
        assertThat(core.size()).isBetween(30, 80);
    }

    @Test
    void fallbackPrefersTheDeploymentsSchema() throws Exception {
        NodeSchemas deployment = NodeSchemas.parse("{\"KSampler\": {\"input\": {\"required\": "
                + "{\"seed\": [\"INT\", {\"max\": 100}]}}}}");
        NodeSchemas merged = deployment.withFallback(NodeSchemas.builtIn());
        assertThat(((IntSpec) merged.spec("KSampler", "seed").orElseThrow()).max()).isEqualTo(BigInteger.valueOf(100));
        assertThat(merged.schema("VAEDecode")).isPresent();
        assertThat(NodeSchemas.empty().size()).isZero();
    }
}
