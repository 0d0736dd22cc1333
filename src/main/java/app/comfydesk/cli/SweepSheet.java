package app.comfydesk.cli;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.sheet.ContactSheet;
import app.comfydesk.sheet.ContactSheetRenderer;
import app.comfydesk.sheet.SheetImages;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.variations.AxisValue;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The contact sheet of a command-line sweep: built from the ended jobs, written atomically. */
final class SweepSheet {

    private SweepSheet() {
    }

    /** Checks before anything is sent that the sheet can be written where asked. */
    static Path checkWritable(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--contact-sheet " + file + ": the file name must end in "
                    + ".png; nothing was sent");
        }
        try {
            Files.createDirectories(target.getParent());
            Path probe = Files.createTempFile(target.getParent(), ".comfydesk-sheet", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--contact-sheet " + file + ": cannot write in "
                    + target.getParent() + " (" + e.getMessage() + "); nothing was sent");
        }
        return target;
    }

    static void write(Path file, Sweep sweep, List<SweepRun.Planned> plans, List<Job> jobs, String source) {
        List<String> titles = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (SweepAxis axis : sweep.axes()) {
            titles.add(axis.ref().toString());
            labels.add(axis.values().stream().map(AxisValue::label).toList());
        }
        List<ContactSheet.Cell> cells = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            cells.add(cell(plans.get(i), jobs.get(i)));
        }
        ObjectNode definition = sweep.definition();
        definition.put("workflow", source);
        ContactSheet sheet = new ContactSheet(titles, labels, sweep.batch(), cells, common(sweep, plans, source),
                ExactJson.write(definition));
        byte[] png = ContactSheetRenderer.encode(sheet);
        try {
            AtomicFiles.write(file, png);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, "--contact-sheet " + file + ": could not write it (" + e.getMessage()
                    + "); the jobs and their outputs are kept");
        }
    }

    private static ContactSheet.Cell cell(SweepRun.Planned plan, Job job) {
        ObjectNode chunk = ExactJson.NODES.objectNode();
        chunk.set("cell", plan.cellJson());
        chunk.put("status", job == null ? "failed" : job.status().jsonName());
        if (job != null && job.requestId() != null) {
            chunk.put("request_id", job.requestId());
        }
        chunk.set("workflow", plan.edit().appliedWorkflow());
        ContactSheet.State state;
        BufferedImage image = null;
        String note = null;
        if (job == null || job.status() == JobStatus.FAILED || job.status() == JobStatus.SUBMISSION_UNCERTAIN) {
            state = ContactSheet.State.FAILED;
            note = job == null ? "not submitted" : job.errorMessage();
        } else if (job.status() == JobStatus.CANCELLED) {
            state = ContactSheet.State.CANCELLED;
        } else {
            state = ContactSheet.State.NO_IMAGE;
            for (JobOutput output : job.outputs()) {
                if (output.state() == OutputState.SAVED && output.localPath() != null) {
                    try {
                        image = SheetImages.read(output.localPath());
                        state = ContactSheet.State.SUCCEEDED;
                        break;
                    } catch (IOException e) {
                        note = e.getMessage();
                    }
                }
            }
        }
        return new ContactSheet.Cell(plan.cell().x(), plan.cell().y(), plan.cell().z(), plan.cell().run(), state,
                image, note, ApiJson.write(chunk));
    }

    /** The inputs every cell sends alike (what the sweep held still), for the lines under the grid. */
    private static List<String> common(Sweep sweep, List<SweepRun.Planned> plans, String source) {
        return app.comfydesk.sheet.CommonParameters.lines("Workflow: " + source + " · " + plans.size() + " jobs",
                sweep.axes().stream().map(SweepAxis::ref).toList(),
                plans.stream().map(p -> p.submission().edits()).toList());
    }
}
