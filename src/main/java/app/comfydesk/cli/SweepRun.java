package app.comfydesk.cli;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.InFlightLimiter;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.SubmissionFactory;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.ValidationProblem;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.DynamicPrompts;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import app.comfydesk.workflow.variations.SweepCell;
import app.comfydesk.workflow.variations.VariationException;
import app.comfydesk.workflow.variations.WildcardFolder;
import app.comfydesk.workflow.variations.Wildcards;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code run --sweep}: plans every cell (nothing is sent unless all are valid), submits them with at most
 * {@code --max-in-flight} unfinished at once, prints each job's lines with its {@code "cell"}, and writes the
 * contact sheet once all have ended.
 */
final class SweepRun {

    /** One cell, ready to send. */
    record Planned(SweepCell cell, WorkflowEdit edit, JobSubmission submission, ObjectNode cellJson) {
    }

    private final RunCommand command;
    private final SweepOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    SweepRun(RunCommand command, SweepOptions options, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Plans the sweep over the base edit ({@code given} = the --set/--image values) and runs it. */
    int run(ApiEndpoint endpoint, Workflow workflow, WorkflowEdit base, Map<InputRef, JsonNode> given) {
        if (options.maxInFlight < 1 || options.maxInFlight > SweepOptions.MAX_IN_FLIGHT) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--max-in-flight " + options.maxInFlight + ": use 1 to "
                    + SweepOptions.MAX_IN_FLIGHT);
        }
        Wildcards wildcards = options.wildcards == null ? Wildcards.none() : new WildcardFolder(options.wildcards);
        Sweep sweep = sweep(workflow, base, wildcards);
        Path sheetFile = options.contactSheet == null ? null : SweepSheet.checkWritable(options.contactSheet);
        String token = command.context().token();
        Path outFolder = command.writableOutFolder();
        List<Planned> plans = plan(endpoint, sweep, base, given, wildcards, outFolder);
        return submitAll(sweep, plans, token, outFolder, sheetFile);
    }

    private Sweep sweep(Workflow workflow, WorkflowEdit base, Wildcards wildcards) {
        List<SweepAxis> axes = new ArrayList<>();
        if (options.axes.size() > Sweep.MAX_AXES) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--sweep: " + options.axes.size() + " axes given, at most "
                    + Sweep.MAX_AXES + " (X, Y, Z)");
        }
        for (String text : options.axes) {
            RunCommand.Assignment a = RunCommand.assignment("--sweep", text, workflow);
            try {
                axes.add(SweepAxis.parse(base, a.ref(), a.value(), wildcards));
            } catch (VariationException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "--sweep " + e.getMessage());
            }
        }
        try {
            return new Sweep(axes, options.runsPerCell);
        } catch (VariationException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--sweep: " + e.getMessage());
        }
    }

    private List<Planned> plan(ApiEndpoint endpoint, Sweep sweep, WorkflowEdit base, Map<InputRef, JsonNode> given,
                               Wildcards wildcards, Path outFolder) {
        List<Planned> plans = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        // A swept seed keeps its axis values; the others follow --seed-mode, drawn per run (shared by all cells).
        SeedMode mode = options.seedMode();
        Map<InputRef, SeedMode> modes = new LinkedHashMap<>();
        Seeds.find(base.workflow(), base.schemas()).forEach(ref -> modes.put(ref, mode));
        sweep.axes().forEach(axis -> modes.remove(axis.ref()));
        long salt = new SecureRandom().nextLong();
        // Cells are not measured against the stored workflow: what they leave out is the deployment's own.
        SubmissionFactory submissions = command.submissions(endpoint, null, outFolder, base);
        for (SweepCell cell : sweep.cells()) {
            ObjectNode cellJson = sweep.describe(cell);
            String where = "cell " + ApiJson.write(cellJson.deepCopy().without("values")) + ": ";
            WorkflowEdit edit;
            try {
                edit = DynamicPrompts.expand(sweep.apply(base, cell, modes, salt), wildcards);
            } catch (VariationException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "Nothing was sent: " + where + e.getMessage());
            }
            cellJson.set("seed", ExactJson.integer(DynamicPrompts.runSeed(edit)));
            for (ValidationProblem p : edit.validate()) {
                String text = where + p.ref().nodeId() + "." + p.ref().key() + ": " + p.message();
                if (p.severity().blocksSubmit()) {
                    errors.add(text);
                }
            }
            Map<InputRef, JsonNode> values = new LinkedHashMap<>(given);
            values.putAll(edit.changes());
            sweep.axes().forEach(axis -> values.put(axis.ref(), edit.value(axis.ref())));
            ObjectNode overrides = RunCommand.givenOverrides(edit.workflow(), values);
            plans.add(new Planned(cell, edit, submissions.submission(edit, overrides), cellJson));
        }
        if (!errors.isEmpty()) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "Nothing was sent; fix these inputs:\n  "
                    + String.join("\n  ", errors.subList(0, Math.min(10, errors.size())))
                    + (errors.size() > 10 ? "\n  ... and " + (errors.size() - 10) + " more" : ""));
        }
        return plans;
    }

    private int submitAll(Sweep sweep, List<Planned> plans, String token, Path outFolder, Path sheetFile) {
        command.context().directories().ensureCreated();
        EngineSettings settings = command.context().tuning().apply(EngineSettings.defaults(outFolder));
        try (JobStore store = JobStore.open(command.context().directories().databaseFile())) {
            JobEventPrinter printer = new JobEventPrinter(out, err);
            JobEngine engine = new JobEngine(store, CliContext.clients(token), settings);
            Map<Integer, Long> jobIds = new ConcurrentHashMap<>();
            try {
                engine.addListener(printer);
                engine.start(job -> false).join();
                ObjectNode start = ApiJson.object().put("event", "sweep").put("jobs", plans.size())
                        .put("max_in_flight", options.maxInFlight);
                start.set("sweep", sweep.definition());
                CliContext.line(out, ApiJson.write(start));
                InFlightLimiter<Planned> limiter = new InFlightLimiter<>(plans, options.maxInFlight,
                        plan -> submitOne(engine, printer, plan, jobIds));
                CompletableFuture<Void> all = limiter.run();
                while (true) {
                    try {
                        all.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException notYet) {
                        printer.checkGiveUp(engine, command.giveUp.giveUpAfter, settings.clock(),
                                RunCommand::howToCheck);
                    }
                }
                List<Job> jobs = new ArrayList<>();
                for (Planned plan : plans) {
                    Long id = jobIds.get(plan.cell().index());
                    jobs.add(id == null ? null : store.find(id).orElse(null));
                }
                ObjectNode done = ApiJson.object().put("event", "sweep_finished");
                int code = summarize(jobs, done);
                if (sheetFile != null) {
                    SweepSheet.write(sheetFile, sweep, plans, jobs, command.workflowFile.getFileName().toString());
                    done.put("contact_sheet", sheetFile.toString());
                }
                CliContext.line(out, ApiJson.write(done));
                return code;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.API_ERROR, "Interrupted; the jobs go on: follow them again with "
                        + "`comfydesk jobs --resume`");
            } catch (ExecutionException e) {
                throw new CliFailure(ExitCodes.API_ERROR, String.valueOf(e.getCause().getMessage()));
            } finally {
                engine.close();
            }
        }
    }

    /** Submits the cell; the stage completes when its job has ended (or its submission failed). */
    private CompletableFuture<?> submitOne(JobEngine engine, JobEventPrinter printer, Planned plan,
                                           Map<Integer, Long> jobIds) {
        ObjectNode extra = ApiJson.object();
        extra.set("cell", plan.cellJson());
        return engine.submit(plan.submission()).handle((job, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                ObjectNode line = ApiJson.object().put("event", "finished").put("status", "failed")
                        .put("error", cause instanceof ApiException api ? api.userMessage()
                                : String.valueOf(cause.getMessage()));
                line.setAll(extra);
                CliContext.line(out, ApiJson.write(line));
                return CompletableFuture.completedFuture((Job) null);
            }
            jobIds.put(plan.cell().index(), job.id());
            return printer.follow(job.id(), extra);
        }).thenCompose(f -> f);
    }

    /** Counts the outcomes into {@code line}; the exit code is the worst: API error, failed, cancelled, succeeded. */
    private static int summarize(List<Job> jobs, ObjectNode line) {
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        int uncertain = 0;
        for (Job job : jobs) {
            JobStatus status = job == null ? JobStatus.FAILED : job.status();
            switch (status) {
                case SUCCEEDED -> succeeded++;
                case CANCELLED -> cancelled++;
                case SUBMISSION_UNCERTAIN -> uncertain++;
                default -> failed++;
            }
        }
        line.put("succeeded", succeeded).put("failed", failed).put("cancelled", cancelled);
        if (uncertain > 0) {
            line.put("uncertain", uncertain);
            return ExitCodes.API_ERROR;
        }
        return failed > 0 ? ExitCodes.FAILED : cancelled > 0 ? ExitCodes.CANCELLED : ExitCodes.SUCCEEDED;
    }
}
