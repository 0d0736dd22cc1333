package app.comfydesk.ui.sweep;

import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.ValidationProblem;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.DynamicPrompts;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepCell;
import app.comfydesk.workflow.variations.VariationException;
import app.comfydesk.workflow.variations.Wildcards;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every job of a sweep, planned before anything is sent (nothing goes out unless every cell is valid): each cell's
 * edit (axis values, seeds, expanded dynamic prompts), its submission and its description for the job's group.
 * Pure computation over immutable edits, so it runs off the FX thread.
 */
public record SweepPlan(String groupId, Sweep sweep, List<Cell> cells, ObjectNode definition, String source) {

    /** One job, ready to send. */
    public record Cell(SweepCell cell, WorkflowEdit edit, JobSubmission submission, ObjectNode cellJson) {
    }

    public SweepPlan {
        cells = List.copyOf(cells);
    }

    /**
     * Plans {@code sweep} over {@code base}. Seeds follow {@code seedModes} (the swept inputs keep their axis
     * values), drawn per run from {@code salt}. Throws {@link VariationException} naming the cells and inputs to
     * fix when any cell is invalid.
     */
    public static SweepPlan plan(String groupId, Sweep sweep, WorkflowEdit base, Map<InputRef, SeedMode> seedModes,
                                 long salt, Wildcards wildcards, Function<WorkflowEdit, JobSubmission> submissions,
                                 String source) {
        Map<InputRef, SeedMode> modes = new LinkedHashMap<>(seedModes);
        sweep.axes().forEach(axis -> modes.remove(axis.ref()));
        List<Cell> cells = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (SweepCell cell : sweep.cells()) {
            ObjectNode cellJson = sweep.describe(cell);
            String where = "cell " + where(sweep, cell) + ": ";
            WorkflowEdit edit;
            try {
                edit = DynamicPrompts.expand(sweep.apply(base, cell, modes, salt), wildcards);
            } catch (VariationException e) {
                throw new VariationException("Nothing was sent: " + where + e.getMessage());
            }
            cellJson.set("seed", ExactJson.integer(DynamicPrompts.runSeed(edit)));
            for (ValidationProblem p : edit.validate()) {
                if (p.severity().blocksSubmit()) {
                    errors.add(where + p.ref().nodeId() + "." + p.ref().key() + ": " + p.message());
                }
            }
            if (errors.isEmpty()) {
                cells.add(new Cell(cell, edit, submissions.apply(edit), cellJson));
            }
        }
        if (!errors.isEmpty()) {
            throw new VariationException("Nothing was sent; fix these inputs: " + String.join("; ",
                    errors.subList(0, Math.min(5, errors.size())))
                    + (errors.size() > 5 ? "; and " + (errors.size() - 5) + " more" : ""));
        }
        ObjectNode definition = sweep.definition();
        definition.put("workflow", source);
        return new SweepPlan(groupId, sweep, cells, definition, source);
    }

    /** What the job's {@code group_json} holds: the group, the sweep's definition and the job's cell. */
    public String groupJson(Cell cell) {
        ObjectNode node = ExactJson.NODES.objectNode();
        node.put("group", groupId);
        node.put("kind", "sweep");
        node.put("jobs", cells.size());
        node.set("sweep", definition);
        node.set("cell", cell.cellJson());
        return ExactJson.write(node);
    }

    /** "X=4, Y=euler" for messages. */
    static String where(Sweep sweep, SweepCell cell) {
        StringBuilder text = new StringBuilder();
        for (int a = 0; a < sweep.axes().size(); a++) {
            text.append(a == 0 ? "" : ", ").append(Sweep.axisName(a)).append('=')
                    .append(cell.values().get(a).label());
        }
        return sweep.batch() > 1 ? text + ", run " + (cell.run() + 1) : text.toString();
    }
}
