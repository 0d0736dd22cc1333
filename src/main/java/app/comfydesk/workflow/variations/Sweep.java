package app.comfydesk.workflow.variations;

import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Up to three axes (X, Y, Z) times a batch of runs per cell. The product is enumerated with X fastest, then Y,
 * then Z, and the runs of one cell next to each other (run fastest of all), so a grid fills row by row.
 *
 * <p>Seeds: run {@code r} of every cell uses the same seeds (the base's seed modes applied for run {@code r},
 * random draws from {@code seedSalt} and {@code r} only), so cells differ only in their axis values and the grid
 * compares like with like; the batch is what varies the seed.
 */
public record Sweep(List<SweepAxis> axes, int batch) {

    public static final int MAX_AXES = 3;
    /** Most jobs one sweep may submit (axes × batch). */
    public static final int MAX_JOBS = 10_000;

    private static final String[] NAMES = {"X", "Y", "Z"};

    public Sweep {
        axes = List.copyOf(axes);
        if (axes.isEmpty() || axes.size() > MAX_AXES) {
            throw new VariationException("A sweep has 1 to " + MAX_AXES + " axes (X, Y, Z), not " + axes.size());
        }
        if (batch < 1) {
            throw new VariationException("The batch count must be at least 1, not " + batch);
        }
        Set<InputRef> seen = new HashSet<>();
        for (SweepAxis axis : axes) {
            if (!seen.add(axis.ref())) {
                throw new VariationException(axis.ref() + " is on two axes; sweep each input on one axis only");
            }
        }
        long jobs = batch;
        for (SweepAxis axis : axes) {
            jobs *= axis.size();
            if (jobs > MAX_JOBS) {
                break;
            }
        }
        if (jobs > MAX_JOBS) {
            throw new VariationException("The sweep would submit " + describeCount(axes, batch) + " jobs, more than "
                    + "the " + MAX_JOBS + " one sweep may; use fewer values");
        }
    }

    public static Sweep of(SweepAxis... axes) {
        return new Sweep(List.of(axes), 1);
    }

    /** "X" for axis 0, "Y", "Z". */
    public static String axisName(int axis) {
        return NAMES[axis];
    }

    /** Values along axis {@code axis}, 1 for an axis the sweep does not have. */
    public int size(int axis) {
        return axis < axes.size() ? axes.get(axis).size() : 1;
    }

    /** How many jobs: the product of the axes' sizes times the batch. */
    public int jobCount() {
        return size(0) * size(1) * size(2) * batch;
    }

    /** Every job in submission order: X fastest, then Y, then Z; the runs of a cell together. */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>(jobCount());
        for (int z = 0; z < size(2); z++) {
            for (int y = 0; y < size(1); y++) {
                for (int x = 0; x < size(0); x++) {
                    int[] at = {x, y, z};
                    List<AxisValue> values = new ArrayList<>();
                    for (int a = 0; a < axes.size(); a++) {
                        values.add(axes.get(a).values().get(at[a]));
                    }
                    for (int run = 0; run < batch; run++) {
                        cells.add(new SweepCell(cells.size(), x, y, z, run, values));
                    }
                }
            }
        }
        return cells;
    }

    /** The base edit with the cell's axis values, before seeds. */
    public WorkflowEdit apply(WorkflowEdit base, SweepCell cell) {
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            InputRef ref = axes.get(a).ref();
            values.put(ref, cell.values().get(a).apply(base.value(ref)));
        }
        return base.withAll(values);
    }

    /** The cell's edit with its run's seeds (see the class comment). */
    public WorkflowEdit apply(WorkflowEdit base, SweepCell cell, Map<InputRef, SeedMode> seedModes, long seedSalt) {
        Objects.requireNonNull(seedModes, "seedModes");
        WorkflowEdit edit = apply(base, cell);
        if (seedModes.values().stream().allMatch(m -> m == SeedMode.FIXED)) {
            return edit;
        }
        return Seeds.apply(edit, seedModes, cell.run(), new SplittableRandom(seedSalt + 0x9E3779B97F4A7C15L
                * cell.run()));
    }

    /** {@code {"x": 0, "y": 1, "run": 0, "values": {"X": "4", ...}}} for the JSON lines and the contact sheet. */
    public ObjectNode describe(SweepCell cell) {
        ObjectNode node = ExactJson.NODES.objectNode();
        for (int a = 0; a < axes.size(); a++) {
            node.put(NAMES[a].toLowerCase(java.util.Locale.ROOT), cell.coordinate(a));
        }
        node.put("run", cell.run());
        ObjectNode values = node.putObject("values");
        for (int a = 0; a < axes.size(); a++) {
            AxisValue v = cell.values().get(a);
            values.set(axes.get(a).ref().toString(), v instanceof AxisValue.Literal l ? l.value().deepCopy()
                    : ExactJson.NODES.textNode(v.label()));
        }
        return node;
    }

    /** The definition as JSON: {@code {"axes": [{"input": "3.cfg", "values": "4,6,8"}, ...], "batch": 1}}. */
    public ObjectNode definition() {
        ObjectNode node = ExactJson.NODES.objectNode();
        ArrayNode list = node.putArray("axes");
        for (int a = 0; a < axes.size(); a++) {
            SweepAxis axis = axes.get(a);
            ObjectNode entry = list.addObject().put("axis", NAMES[a]).put("node", axis.ref().nodeId())
                    .put("input", axis.ref().key()).put("values", axis.definition());
            ArrayNode labels = entry.putArray("labels");
            axis.values().forEach(v -> labels.add(v.label()));
        }
        node.put("batch", batch);
        node.put("jobs", jobCount());
        return node;
    }

    /**
     * The sweep a {@link #definition()} describes, re-read against {@code base} (saved with a workflow, or read
     * from a contact sheet's {@code comfydesk_sweep} chunk) so it can run again; the values' text is parsed anew,
     * so a changed schema or prompt is checked as if typed.
     */
    public static Sweep fromDefinition(WorkflowEdit base, JsonNode definition, Wildcards wildcards) {
        JsonNode list = definition == null ? null : definition.get("axes");
        if (list == null || !list.isArray()) {
            throw new VariationException("The saved sweep has no \"axes\" list");
        }
        List<SweepAxis> axes = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode node = entry.get("node");
            JsonNode input = entry.get("input");
            JsonNode values = entry.get("values");
            if (node == null || !node.isTextual() || input == null || !input.isTextual() || values == null
                    || !values.isTextual()) {
                throw new VariationException("Axis " + (axes.size() + 1) + " of the saved sweep needs \"node\", "
                        + "\"input\" and \"values\" as text");
            }
            InputRef ref = new InputRef(node.asText(), input.asText());
            if (base.workflow().node(ref.nodeId()).flatMap(n -> n.input(ref.key())).isEmpty()) {
                throw new VariationException("The saved sweep varies " + ref + ", which this workflow does not have");
            }
            axes.add(SweepAxis.parse(base, ref, values.asText(), wildcards));
        }
        JsonNode batch = definition.get("batch");
        return new Sweep(axes, batch != null && batch.canConvertToInt() ? batch.intValue() : 1);
    }

    private static String describeCount(List<SweepAxis> axes, int batch) {
        StringBuilder text = new StringBuilder();
        for (SweepAxis axis : axes) {
            text.append(text.isEmpty() ? "" : " × ").append(axis.size());
        }
        return batch > 1 ? text + " × " + batch : text.toString();
    }
}
