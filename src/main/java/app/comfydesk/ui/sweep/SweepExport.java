package app.comfydesk.ui.sweep;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.sheet.CommonParameters;
import app.comfydesk.sheet.ContactSheet;
import app.comfydesk.sheet.ContactSheetRenderer;
import app.comfydesk.sheet.SheetImages;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.variations.AxisValue;
import app.comfydesk.workflow.variations.SweepAxis;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid as one PNG (the same renderer as {@code run --contact-sheet}): axis labels on the edges, the common
 * parameters under it, the sweep's definition in the {@code comfydesk_sweep} text chunk and each cell's values,
 * status and workflow in its own chunk. Blocking (reads every picture); run it in the background.
 */
public final class SweepExport {

    private SweepExport() {
    }

    /** Renders the sheet of {@code plan} with the cells as they are now and writes it atomically to {@code file}. */
    public static Path write(Path file, SweepPlan plan, List<CellUpdate> cells) throws IOException {
        AtomicFiles.write(file, ContactSheetRenderer.encode(sheet(plan, cells)));
        return file;
    }

    static ContactSheet sheet(SweepPlan plan, List<CellUpdate> cells) {
        List<String> titles = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (SweepAxis axis : plan.sweep().axes()) {
            titles.add(axis.ref().toString());
            labels.add(axis.values().stream().map(AxisValue::label).toList());
        }
        List<ContactSheet.Cell> sheetCells = new ArrayList<>();
        for (SweepPlan.Cell cell : plan.cells()) {
            CellUpdate state = cell.cell().index() < cells.size() ? cells.get(cell.cell().index())
                    : CellUpdate.waiting(cell.cell().index());
            sheetCells.add(cell(cell, state));
        }
        List<String> common = CommonParameters.lines("Workflow: " + plan.source() + " · " + plan.cells().size()
                + " jobs", plan.sweep().axes().stream().map(SweepAxis::ref).toList(),
                plan.cells().stream().map(c -> (com.fasterxml.jackson.databind.JsonNode) c.edit().overrides())
                        .toList());
        return new ContactSheet(titles, labels, plan.sweep().batch(), sheetCells, common,
                ExactJson.write(plan.definition()));
    }

    private static ContactSheet.Cell cell(SweepPlan.Cell cell, CellUpdate state) {
        ObjectNode chunk = ExactJson.NODES.objectNode();
        chunk.set("cell", cell.cellJson());
        chunk.put("status", state.phase().text());
        if (state.jobId() != null) {
            chunk.put("job_id", state.jobId());
        }
        chunk.set("workflow", cell.edit().appliedWorkflow());
        ContactSheet.State sheetState = switch (state.phase()) {
            case FAILED -> ContactSheet.State.FAILED;
            case CANCELLED -> ContactSheet.State.CANCELLED;
            default -> ContactSheet.State.NO_IMAGE;
        };
        BufferedImage image = null;
        String note = state.phase() == CellPhase.FAILED ? state.note() : state.phase().ended() ? null
                : state.phase().text();
        if (state.output() != null) {
            try {
                image = SheetImages.read(state.output());
                sheetState = ContactSheet.State.SUCCEEDED;
            } catch (IOException e) {
                note = e.getMessage();
            }
        }
        return new ContactSheet.Cell(cell.cell().x(), cell.cell().y(), cell.cell().z(), cell.cell().run(),
                sheetState, image, note, ExactJson.write(chunk));
    }
}
