package app.comfydesk.workflow.variations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepTest {

    private static final InputRef CFG = new InputRef("3", "cfg");
    private static final InputRef SAMPLER = new InputRef("3", "sampler_name");
    private static final InputRef STEPS = new InputRef("3", "steps");
    private static final InputRef SEED = new InputRef("3", "seed");
    private static final InputRef TEXT = new InputRef("6", "text");

    private final WorkflowEdit base = base();

    private static WorkflowEdit base() {
        try {
            return new WorkflowEdit(new WorkflowReader().read(Path.of("assets/workflows/sample-txt2img.json"))
                    .workflow(), NodeSchemas.builtIn());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SweepAxis axis(InputRef ref, String text) {
        return SweepAxis.parse(base, ref, text, Wildcards.none());
    }

    @Test
    void theProductRunsXFastestThenYThenZWithRunsOfACellTogether() {
        Sweep sweep = new Sweep(List.of(axis(CFG, "4,6"), axis(SAMPLER, "euler,ddim"), axis(STEPS, "10..30:10")), 2);
        assertThat(sweep.jobCount()).isEqualTo(2 * 2 * 3 * 2);
        List<SweepCell> cells = sweep.cells();
        assertThat(cells).hasSize(24);
        assertThat(cells.subList(0, 6)).extracting(c -> c.x() + "" + c.y() + c.z() + "/" + c.run())
                .containsExactly("000/0", "000/1", "100/0", "100/1", "010/0", "010/1");
        assertThat(cells.get(23)).extracting(SweepCell::x, SweepCell::y, SweepCell::z, SweepCell::run, SweepCell::index)
                .containsExactly(1, 1, 2, 1, 23);
        WorkflowEdit last = sweep.apply(base, cells.get(23));
        assertThat(ExactJson.write(last.overrides())).isEqualTo(
                "{\"3\":{\"inputs\":{\"steps\":30,\"cfg\":6,\"sampler_name\":\"ddim\"}}}");
        assertThat(ExactJson.write(sweep.describe(cells.get(2)))).isEqualTo(
                "{\"x\":1,\"y\":0,\"z\":0,\"run\":0,\"values\":{\"3.cfg\":6,\"3.sampler_name\":\"euler\","
                        + "\"3.steps\":10}}");
    }

    @Test
    void everyCellOfARunSharesItsSeedsAndTheBatchVariesThem() {
        Sweep sweep = new Sweep(List.of(axis(CFG, "4,6,8")), 2);
        Map<InputRef, SeedMode> random = Map.of(SEED, SeedMode.RANDOM);
        List<String> seeds = sweep.cells().stream().map(c -> sweep.apply(base, c, random, 42).value(SEED).toString())
                .toList();
        assertThat(seeds.get(0)).isEqualTo(seeds.get(2)).isEqualTo(seeds.get(4)).isNotEqualTo(seeds.get(1));
        assertThat(seeds.get(1)).isEqualTo(seeds.get(3)).isEqualTo(seeds.get(5));
        List<String> again = sweep.cells().stream().map(c -> sweep.apply(base, c, random, 42).value(SEED).toString())
                .toList();
        assertThat(again).isEqualTo(seeds);
        assertThat(sweep.apply(base, sweep.cells().get(1), Map.of(SEED, SeedMode.FIXED), 42).value(SEED))
                .isEqualTo(base.value(SEED));
        assertThat(sweep.apply(base, sweep.cells().get(1), Map.of(SEED, SeedMode.INCREMENT), 42).value(SEED)
                .longValue()).isEqualTo(base.value(SEED).longValue() + 1);
    }

    @Test
    void searchAndReplaceWorksOnTheBaseText() {
        Sweep sweep = Sweep.of(axis(TEXT, "S/R:bottle,jar"));
        assertThat(sweep.cells()).extracting(c -> sweep.apply(base, c).value(TEXT).asText()).containsExactly(
                "beautiful scenery nature glass bottle landscape, purple galaxy bottle",
                "beautiful scenery nature glass jar landscape, purple galaxy jar");
    }

    @Test
    void dynamicPromptsFollowTheRunSeed() {
        WorkflowEdit edit = base.with(TEXT, ExactJson.NODES.textNode("a {red|green|blue|gold|teal} fox"))
                .with(SEED, ExactJson.number("7"));
        String first = DynamicPrompts.expand(edit, Wildcards.none()).value(TEXT).asText();
        assertThat(first).matches("a (red|green|blue|gold|teal) fox");
        assertThat(DynamicPrompts.expand(edit, Wildcards.none()).value(TEXT).asText()).isEqualTo(first);
        assertThat(DynamicPrompts.expand(edit, Wildcards.none()).value(new InputRef("7", "text")).asText())
                .isEqualTo("text, watermark, blurry");
        assertThat(first).isEqualTo(DynamicPrompt.parse("a {red|green|blue|gold|teal} fox").expand(7,
                Wildcards.none()));
        assertThat(DynamicPrompts.expand(base, Wildcards.none())).isSameAs(base);
    }

    @Test
    void limitsAndMistakesAreNamed() {
        assertThatThrownBy(() -> new Sweep(List.of(axis(CFG, "1,2"), axis(CFG, "3")), 1))
                .isInstanceOf(VariationException.class).hasMessage("3.cfg is on two axes; sweep each input on one "
                        + "axis only");
        assertThatThrownBy(() -> new Sweep(List.of(axis(CFG, "1..4"), axis(STEPS, "1..4"), axis(SAMPLER, "euler"),
                axis(TEXT, "a")), 1)).hasMessage("A sweep has 1 to 3 axes (X, Y, Z), not 4");
        assertThatThrownBy(() -> new Sweep(List.of(axis(CFG, "1..1000"), axis(STEPS, "1..1000")), 1))
                .hasMessage("The sweep would submit 1000 × 1000 jobs, more than the 10000 one sweep may; use fewer "
                        + "values");
        assertThatThrownBy(() -> axis(SAMPLER, "euler,nope")).hasMessageStartingWith("3.sampler_name: \"nope\" is "
                + "not one of its options");
    }

    @Test
    void aSavedDefinitionRunsTheSameSweepAgain() throws Exception {
        Sweep sweep = new Sweep(List.of(axis(CFG, "4..8:2"), axis(TEXT, "S/R:bottle,jar")), 3);
        JsonNode saved = ExactJson.parse(ExactJson.write(sweep.definition()));
        assertThat(saved.path("axes").get(0).path("labels").toString()).isEqualTo("[\"4\",\"6\",\"8\"]");
        Sweep again = Sweep.fromDefinition(base, saved, Wildcards.none());
        assertThat(again.jobCount()).isEqualTo(18);
        assertThat(again.cells()).extracting(c -> ExactJson.write(again.apply(base, c).overrides()))
                .isEqualTo(sweep.cells().stream().map(c -> ExactJson.write(sweep.apply(base, c).overrides()))
                        .toList());
        assertThatThrownBy(() -> Sweep.fromDefinition(base, ExactJson.parse("{\"axes\": [{\"node\": \"99\", "
                + "\"input\": \"cfg\", \"values\": \"1\"}]}"), Wildcards.none()))
                .hasMessage("The saved sweep varies 99.cfg, which this workflow does not have");
        assertThatThrownBy(() -> Sweep.fromDefinition(base, ExactJson.parse("{}"), Wildcards.none()))
                .hasMessage("The saved sweep has no \"axes\" list");
    }
}
