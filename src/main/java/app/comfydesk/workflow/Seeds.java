package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Seed inputs and the fixed / random / increment modes, over ComfyUI's full unsigned 64-bit seed range
 * ({@code 0 .. 18446744073709551615}) with {@link BigInteger} arithmetic. The random source is injected so tests and
 * "reproduce this batch" are deterministic.
 */
public final class Seeds {

    /** 2^64-1, the largest seed ComfyUI accepts. */
    public static final BigInteger MAX = SpecParser.UINT64_MAX;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Seeds() {
    }

    /** ComfyUI's own seed input names (KSampler's seed, KSamplerAdvanced's and RandomNoise's noise_seed). */
    public static boolean isSeedName(String key) {
        return key.equals("seed") || key.equals("noise_seed");
    }

    /**
     * Whether an input is a seed: a literal integer, and either the schema gives it {@code control_after_generate}
     * or it is named seed/noise_seed (unless the schema explicitly turns the control off).
     */
    public static boolean isSeed(Node node, Input input, NodeSchemas schemas) {
        if (!(input.value() instanceof InputValue.Literal literal) || !literal.raw().isIntegralNumber()) {
            return false;
        }
        InputSpec spec = NodeSchemas.effective(schemas).spec(node.classType(), input.key()).orElse(null);
        return isSeed(input.key(), spec);
    }

    /** The spec-level rule shared with the form: see {@link #isSeed(Node, Input, NodeSchemas)}. */
    static boolean isSeed(String key, InputSpec spec) {
        if (spec instanceof IntSpec intSpec && intSpec.controlAfterGenerate() != null) {
            return intSpec.hasControlAfterGenerate();
        }
        return isSeedName(key) && (spec == null || spec instanceof IntSpec || spec instanceof UnknownSpec
                || spec instanceof ConnectionSpec);
    }

    /**
     * The mode a seed input starts in: what the schema's {@code control_after_generate} names ("fixed",
     * "increment"), else RANDOM, as in ComfyUI's own editor (where {@code true} means "randomize"), so pressing
     * Generate twice gives two pictures.
     */
    public static SeedMode defaultMode(InputSpec spec) {
        String control = spec instanceof IntSpec intSpec ? intSpec.controlAfterGenerate() : null;
        if (control == null) {
            return SeedMode.RANDOM;
        }
        return switch (control.toLowerCase(java.util.Locale.ROOT)) {
            case "fixed" -> SeedMode.FIXED;
            case "increment" -> SeedMode.INCREMENT;
            default -> SeedMode.RANDOM;
        };
    }

    /** Every seed input of the workflow, in workflow order. */
    public static List<InputRef> find(Workflow workflow, NodeSchemas schemas) {
        NodeSchemas effective = NodeSchemas.effective(schemas);
        List<InputRef> seeds = new ArrayList<>();
        for (Node node : workflow.nodes()) {
            for (Input input : node.inputs()) {
                if (isSeed(node, input, effective)) {
                    seeds.add(node.ref(input.key()));
                }
            }
        }
        return seeds;
    }

    /** Applies one mode to every seed of the edit's workflow for run {@code runIndex} (0-based) of a batch. */
    public static WorkflowEdit apply(WorkflowEdit edit, SeedMode mode, long runIndex, RandomGenerator random) {
        Map<InputRef, SeedMode> modes = new LinkedHashMap<>();
        for (InputRef ref : find(edit.workflow(), edit.schemas())) {
            modes.put(ref, mode);
        }
        return apply(edit, modes, runIndex, random);
    }

    /**
     * Applies a mode per seed input for run {@code runIndex} of a batch. FIXED leaves the value as the edit has it;
     * INCREMENT adds the run index to it; RANDOM draws a new value. Inputs whose current value is not an integer
     * are left alone.
     */
    public static WorkflowEdit apply(WorkflowEdit edit, Map<InputRef, SeedMode> modes, long runIndex,
                                     RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (runIndex < 0) {
            throw new IllegalArgumentException("run index must not be negative: " + runIndex);
        }
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        modes.forEach((ref, mode) -> {
            JsonNode current = edit.value(ref);
            if (mode == SeedMode.FIXED || !current.isIntegralNumber()) {
                return;
            }
            BigInteger[] range = range(edit, ref);
            values.put(ref, ExactJson.integer(next(mode, current.bigIntegerValue(), runIndex, range[0], range[1],
                    random)));
        });
        return values.isEmpty() ? edit : edit.withAll(values);
    }

    /**
     * The seed for run {@code runIndex}. INCREMENT wraps from {@code max} back to {@code min} rather than sticking at
     * the top: a batch asks for distinct seeds, and clamping would repeat the last one.
     */
    public static BigInteger next(SeedMode mode, BigInteger base, long runIndex, BigInteger min, BigInteger max,
                                  RandomGenerator random) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("empty seed range " + min + ".." + max);
        }
        BigInteger clamped = base.max(min).min(max);
        return switch (mode) {
            case FIXED -> clamped;
            case INCREMENT -> {
                BigInteger span = max.subtract(min).add(BigInteger.ONE);
                yield min.add(clamped.subtract(min).add(BigInteger.valueOf(runIndex)).mod(span));
            }
            case RANDOM -> random(random, min, max);
        };
    }

    /** A uniformly distributed integer in {@code [min, max]} (rejection sampling, no modulo bias). */
    public static BigInteger random(RandomGenerator random, BigInteger min, BigInteger max) {
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        if (span.equals(TWO_64)) {
            return min.add(new BigInteger(Long.toUnsignedString(random.nextLong())));
        }
        int bits = span.bitLength();
        while (true) {
            long raw = random.nextLong();
            BigInteger candidate = new BigInteger(Long.toUnsignedString(raw)).shiftRight(64 - bits);
            if (candidate.compareTo(span) < 0) {
                return min.add(candidate);
            }
        }
    }

    /** A fresh seed over the full range, for "new random seed" buttons. */
    public static BigInteger random(RandomGenerator random) {
        return random(random, BigInteger.ZERO, MAX);
    }

    /** The input's seed range: its schema bounds within 0..2^64-1, else the whole range. */
    private static BigInteger[] range(WorkflowEdit edit, InputRef ref) {
        BigInteger min = BigInteger.ZERO;
        BigInteger max = MAX;
        String classType = edit.workflow().node(ref.nodeId()).map(Node::classType).orElse(null);
        InputSpec spec = classType == null ? null : edit.schemas().spec(classType, ref.key()).orElse(null);
        if (spec instanceof IntSpec intSpec) {
            if (intSpec.min() != null) {
                min = intSpec.min().max(BigInteger.ZERO).min(MAX);
            }
            if (intSpec.max() != null) {
                max = intSpec.max().min(MAX).max(BigInteger.ZERO);
            }
        }
        return min.compareTo(max) <= 0 ? new BigInteger[] {min, max} : new BigInteger[] {BigInteger.ZERO, MAX};
    }
}
