package app.comfydesk.cli;

import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jobs}: the local job history, newest first, one JSON object per line. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = {
    "List the local job history (newest first), one JSON object per line.",
    "With --resume: follow the command line's own unfinished jobs (e.g. of an interrupted `run`) with",
    "RUNCOMFY_TOKEN until they end and their outputs are saved, printing events like `run`."})
final class JobsCommand implements Callable<Integer> {

    @Option(names = "--limit", defaultValue = "50", description = "How many jobs (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only these statuses, e.g. --status running,queued")
    Set<String> statuses = Set.of();

    @Option(names = "--search", paramLabel = "TEXT", description = "Only jobs whose request id, deployment, prompt "
            + "or workflow name contains TEXT")
    String search;

    @Option(names = "--resume", description = "Follow this command line's unfinished jobs to the end")
    boolean resume;

    @picocli.CommandLine.Mixin
    GiveUpOption giveUp;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    JobsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (resume) {
            return resume();
        }
        if (!Files.exists(context.directories().databaseFile())) {
            return ExitCodes.SUCCEEDED;
        }
        Set<JobStatus> wanted = new java.util.HashSet<>();
        for (String s : statuses) {
            try {
                wanted.add(JobStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "--status " + s + ": unknown status; use one of "
                        + java.util.Arrays.stream(JobStatus.values()).map(JobStatus::jsonName).toList());
            }
        }
        try (JobStore store = JobStore.open(context.directories().databaseFile())) {
            for (Job job : store.listPage(JobQuery.all().withStatuses(wanted).withText(search), 0, Math.max(1, limit))) {
                ObjectNode line = ApiJson.object();
                line.put("id", job.id());
                line.put("request_id", job.requestId());
                line.put("status", job.status().jsonName());
                line.put("deployment", job.target().deploymentId());
                line.put("base_url", job.target().baseUrl().toString());
                line.put("created_at", job.createdAt().toString());
                line.put("finished_at", job.finishedAt() == null ? null : job.finishedAt().toString());
                line.put("workflow", job.workflowSource());
                line.put("prompt", job.promptSnippet());
                line.put("outputs", job.outputs().size());
                line.put("output_dir", job.outputDir() == null ? null : job.outputDir().toString());
                if (job.errorMessage() != null) {
                    line.put("error", job.errorMessage());
                }
                CliContext.line(out, ApiJson.write(line));
            }
        }
        return ExitCodes.SUCCEEDED;
    }

    /** Resumes the command line's unfinished jobs (the app's are the app's: they use its profiles' tokens). */
    private int resume() {
        PrintWriter err = spec.commandLine().getErr();
        String token = context.token();
        if (!Files.exists(context.directories().databaseFile())) {
            err.println("Nothing to resume: no jobs yet");
            return ExitCodes.SUCCEEDED;
        }
        try (JobStore store = JobStore.open(context.directories().databaseFile())) {
            Predicate<Job> ours = job -> job.target().isCommandLine();
            List<Job> unfinished = store.unfinished().stream().filter(ours).toList();
            if (unfinished.isEmpty()) {
                err.println("Nothing to resume: every job of the command line has ended");
                return ExitCodes.SUCCEEDED;
            }
            EngineSettings settings = context.tuning().apply(EngineSettings.defaults(context.directories().outputs()));
            JobEventPrinter printer = new JobEventPrinter(out(), err);
            JobEngine engine = new JobEngine(store, CliContext.clients(token), settings);
            try {
                engine.addListener(printer);
                for (Job job : unfinished) {
                    printer.follow(job.id());
                    CliContext.line(out(), ApiJson.write(ApiJson.object().put("event", "resumed")
                            .put("job_id", job.id()).put("request_id", job.requestId())
                            .put("status", job.status().jsonName())));
                }
                engine.start(ours).join();
                for (long id : engine.followedElsewhere().join()) {
                    // A live `run` (or another resume) follows it: this one waits for its end instead of polling it
                    // too, and takes it over if that process stops renewing its lease.
                    CliContext.line(out(), ApiJson.write(ApiJson.object().put("event", "followed_elsewhere")
                            .put("job_id", id).put("holder", store.lease(id).map(JobStore.Lease::owner)
                                    .orElse("another process"))));
                }
                List<Job> ended = printer.awaitAll(engine, giveUp.giveUpAfter, settings.clock(),
                        RunCommand::howToCheck);
                return ended.stream().mapToInt(RunCommand::exitCode).max().orElse(ExitCodes.SUCCEEDED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.API_ERROR, "Interrupted; resume again with `comfydesk jobs --resume`");
            } catch (ExecutionException e) {
                throw new CliFailure(ExitCodes.API_ERROR, String.valueOf(e.getCause().getMessage()));
            } finally {
                engine.close();
            }
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
