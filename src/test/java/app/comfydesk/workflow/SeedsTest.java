package app.comfydesk.workflow;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedsTest {

    private static final BigInteger MAX = new BigInteger("18446744073709551615");

    private static final String WORKFLOW = """
            {"3": {"class_type": "KSampler", "inputs": {"seed": 18446744073709551614, "steps": 20}},
             "10": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 5, "steps": 20}},
             "11": {"class_type": "TestControlString", "inputs": {"seed": 1125899906842620}},
             "12": {"class_type": "Linked", "inputs": {"seed": ["3", 0]}},
             "13": {"class_type": "Custom", "inputs": {"seed": "random", "salt": 1}}}""";

    private final NodeSchemas schemas = schemas();

    private static NodeSchemas schemas() {
        try {
            return NodeSchemas.parse("{\"TestControlString\": {\"input\": {\"required\": {\"seed\": [\"INT\", "
                    + "{\"min\": 0, \"max\": 1125899906842624, \"control_after_generate\": \"fixed\"}]}}},"
                    + " \"Custom\": {\"input\": {\"required\": {\"salt\": [\"INT\", "
                    + "{\"control_after_generate\": true}]}}}}");
        } catch (WorkflowFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private WorkflowEdit edit() throws Exception {
        return new WorkflowEdit(new WorkflowReader().read(WORKFLOW, "w.json").workflow(), schemas);
    }

    @Test
    void findsSeedsByNameAndByControlAfterGenerateButNotLinksOrText() throws Exception {
        WorkflowEdit edit = edit();
        assertThat(Seeds.find(edit.workflow(), schemas)).extracting(InputRef::toString)
                .containsExactly("3.seed", "10.noise_seed", "11.seed", "13.salt");
    }

    @Test
    void fixedKeepsIncrementAddsTheRunIndexAndWrapsAtTheTop() throws Exception {
        WorkflowEdit edit = edit();
        InputRef seed = new InputRef("3", "seed");
        RandomGenerator unused = new SplittableRandom(1);

        assertThat(Seeds.apply(edit, SeedMode.FIXED, 5, unused)).isSameAs(edit);
        assertThat(Seeds.apply(edit, Map.of(seed, SeedMode.INCREMENT), 0, unused).value(seed).bigIntegerValue())
                .isEqualTo(MAX.subtract(BigInteger.ONE));
        assertThat(Seeds.apply(edit, Map.of(seed, SeedMode.INCREMENT), 1, unused).value(seed).bigIntegerValue())
                .isEqualTo(MAX);
        // wrap, not clamp: a batch asks for distinct seeds
        assertThat(Seeds.apply(edit, Map.of(seed, SeedMode.INCREMENT), 2, unused).value(seed).bigIntegerValue())
                .isZero();
        assertThat(Seeds.apply(edit, Map.of(seed, SeedMode.INCREMENT), 3, unused).overrides().toString())
                .isEqualTo("{\"3\":{\"inputs\":{\"seed\":1}}}");
        // within the schema's own range for a node that declares one
        InputRef small = new InputRef("11", "seed");
        assertThat(Seeds.apply(edit, Map.of(small, SeedMode.INCREMENT), 6, unused).value(small).longValue())
                .isEqualTo(1L);
    }

    @Test
    void incrementStartsFromTheUsersEdit() throws Exception {
        InputRef seed = new InputRef("10", "noise_seed");
        WorkflowEdit edit = edit().with(seed, ExactJson.number("100"));
        assertThat(Seeds.apply(edit, SeedMode.INCREMENT, 2, new SplittableRandom(1)).value(seed).intValue())
                .isEqualTo(102);
    }

    @Test
    void randomCoversTheFullUnsignedRangeDeterministically() throws Exception {
        RandomGenerator allOnes = () -> -1L;
        assertThat(Seeds.random(allOnes)).isEqualTo(MAX);
        RandomGenerator zeros = () -> 0L;
        assertThat(Seeds.random(zeros)).isZero();

        WorkflowEdit first = Seeds.apply(edit(), SeedMode.RANDOM, 0, new SplittableRandom(7));
        WorkflowEdit again = Seeds.apply(edit(), SeedMode.RANDOM, 0, new SplittableRandom(7));
        assertThat(first.overrides()).isEqualTo(again.overrides());
        assertThat(first.changes()).hasSize(4);
        assertThat(first.validate()).isEmpty();

        Set<BigInteger> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        boolean aboveLongMax = false;
        for (int i = 0; i < 2_000; i++) {
            BigInteger value = Seeds.random(random);
            assertThat(value).isBetween(BigInteger.ZERO, MAX);
            aboveLongMax |= value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0;
            seen.add(value);
        }
        assertThat(seen).hasSize(2_000);
        assertThat(aboveLongMax).isTrue(); // the upper half of the range is reachable
    }

    @Test
    void randomRespectsSmallRangesWithoutBias() {
        SplittableRandom random = new SplittableRandom(11);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[Seeds.random(random, BigInteger.valueOf(10), BigInteger.valueOf(12)).intValue() - 10]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_400, 10_600);
        }
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        assertThatThrownBy(() -> Seeds.apply(edit(), SeedMode.RANDOM, -1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Seeds.next(SeedMode.FIXED, BigInteger.ONE, 0, BigInteger.TEN, BigInteger.ONE,
                new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedsStartRandomUnlessTheSchemaNamesAnotherControl() throws Exception {
        NodeSchemas controls = NodeSchemas.parse("{\"A\": {\"input\": {\"required\": {"
                + "\"f\": [\"INT\", {\"control_after_generate\": \"fixed\"}],"
                + "\"i\": [\"INT\", {\"control_after_generate\": \"increment\"}],"
                + "\"r\": [\"INT\", {\"control_after_generate\": \"randomize\"}],"
                + "\"t\": [\"INT\", {\"control_after_generate\": true}],"
                + "\"n\": [\"INT\", {}]}}}}");
        assertThat(Seeds.defaultMode(controls.spec("A", "f").orElseThrow())).isEqualTo(SeedMode.FIXED);
        assertThat(Seeds.defaultMode(controls.spec("A", "i").orElseThrow())).isEqualTo(SeedMode.INCREMENT);
        assertThat(Seeds.defaultMode(controls.spec("A", "r").orElseThrow())).isEqualTo(SeedMode.RANDOM);
        assertThat(Seeds.defaultMode(controls.spec("A", "t").orElseThrow())).isEqualTo(SeedMode.RANDOM);
        assertThat(Seeds.defaultMode(controls.spec("A", "n").orElseThrow())).isEqualTo(SeedMode.RANDOM);
        assertThat(Seeds.defaultMode(null)).isEqualTo(SeedMode.RANDOM);
        assertThat(Seeds.defaultMode(NodeSchemas.builtIn().spec("KSampler", "seed").orElseThrow()))
                .isEqualTo(SeedMode.RANDOM);
    }
}
