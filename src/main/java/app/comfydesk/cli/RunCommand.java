package app.comfydesk.cli;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.Input;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.LoadedWorkflow;
import app.comfydesk.workflow.Node;
import app.comfydesk.workflow.ValidationProblem;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.WorkflowFormatException;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run}: validate the edits against the local workflow, submit, follow the job, save its outputs, and report
 * every step as one JSON object per line on stdout.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Submit a workflow run, follow it, and save its outputs into DIR/<request id>/.",
    "Prints one JSON object per line: submitted, status, output, finished.",
    "Exit codes: 0 succeeded, 1 failed, 2 invalid input (nothing sent), 3 cancelled, 4 API or network error."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The deployment's workflow_api.json (local copy)")
    Path workflowFile;

    @Mixin
    TargetOptions target;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where outputs are saved")
    Path out;

    @Option(names = "--set", paramLabel = "NODE.INPUT=VALUE",
            description = "Change an input; VALUE is a JSON literal when it parses as one (exact numbers), else text")
    List<String> sets = new ArrayList<>();

    @Option(names = "--image", paramLabel = "NODE.INPUT=FILE",
            description = "Send a file as a data: URI to an image (or video/audio) input")
    List<String> images = new ArrayList<>();

    @Option(names = "--dynamic", description = "Send the whole workflow with the edits applied instead of overrides")
    boolean dynamic;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ApiEndpoint endpoint = target.endpoint();
        Workflow workflow = readWorkflow();
        WorkflowEdit edit = new WorkflowEdit(workflow);
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        for (String set : sets) {
            Assignment a = assignment("--set", set, workflow);
            values.put(a.ref(), literal(a.value()));
        }
        for (String image : images) {
            Assignment a = assignment("--image", image, workflow);
            values.put(a.ref(), TextNode.valueOf(dataUri(a.value(), image)));
        }
        edit = edit.withAll(values);
        PrintWriter err = spec.commandLine().getErr();
        List<String> errors = new ArrayList<>();
        for (ValidationProblem p : edit.validate()) {
            String text = p.ref().nodeId() + "." + p.ref().key() + ": " + p.message();
            if (p.severity().blocksSubmit()) {
                errors.add(text);
            } else {
                err.println("warning: " + text);
            }
        }
        if (!errors.isEmpty()) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "Nothing was sent; fix these inputs:\n  "
                    + String.join("\n  ", errors));
        }
        String token = context.token();
        SubmitRequest request = dynamic ? SubmitRequest.dynamic(edit.appliedWorkflow())
                : SubmitRequest.overrides(sets.isEmpty() && images.isEmpty() ? ApiJson.object() : edit.overrides());
        JobSubmission submission = new JobSubmission(JobTarget.of(endpoint, null), request, edit.overrides(),
                workflowFile.getFileName().toString(), promptSnippet(edit));
        return follow(submission, token);
    }

    private int follow(JobSubmission submission, String token) {
        context.directories().ensureCreated();
        EngineSettings settings = context.tuning().apply(EngineSettings.defaults(out.toAbsolutePath()));
        try (JobStore store = JobStore.open(context.directories().databaseFile())) {
            EventPrinter printer = new EventPrinter(spec.commandLine().getOut());
            JobEngine engine = new JobEngine(store, t -> new RunComfyClient(t.endpoint(), () -> token,
                    RetryPolicy.defaults()), settings);
            try {
                engine.addListener(printer);
                engine.start(job -> false).join();
                Job job;
                try {
                    job = engine.submit(submission).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw new CliFailure(ExitCodes.API_ERROR, cause instanceof ApiException api ? api.userMessage()
                            : String.valueOf(cause.getMessage()));
                }
                printer.follow(job.id());
                Job done = printer.finished.get();
                return switch (done.status()) {
                    case SUCCEEDED -> ExitCodes.SUCCEEDED;
                    case CANCELLED -> ExitCodes.CANCELLED;
                    default -> ExitCodes.FAILED;
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.API_ERROR, "Interrupted; the job goes on and is in `comfydesk jobs`");
            } catch (ExecutionException e) {
                throw new CliFailure(ExitCodes.API_ERROR, String.valueOf(e.getCause().getMessage()));
            } finally {
                engine.close();
            }
        }
    }

    /** Prints job events as JSON lines and completes when the followed job ends. */
    private static final class EventPrinter implements app.comfydesk.jobs.JobListener {
        private final PrintWriter out;
        private final CompletableFuture<Job> finished = new CompletableFuture<>();
        private volatile long jobId = -1;
        private final List<JobEvent> early = new ArrayList<>();
        private JobStatus lastStatus;
        private Integer lastPosition;

        EventPrinter(PrintWriter out) {
            this.out = out;
        }

        synchronized void follow(long id) {
            jobId = id;
            early.forEach(this::print);
            early.clear();
        }

        @Override
        public synchronized void onJobEvent(JobEvent event) {
            if (event.job() == null) {
                return;
            }
            if (jobId < 0) {
                early.add(event);
                return;
            }
            print(event);
        }

        private void print(JobEvent event) {
            Job job = event.job();
            if (job == null || job.id() != jobId) {
                return;
            }
            ObjectNode line = ApiJson.object();
            if (event instanceof JobEvent.Submitted) {
                line.put("event", "submitted").put("request_id", job.requestId()).put("job_id", job.id());
                CliContext.line(out, ApiJson.write(line));
                return;
            }
            if (event instanceof JobEvent.OutputSaved saved) {
                JobOutput o = saved.output();
                line.put("event", o.state() == OutputState.SAVED ? "output" : "output_" + o.state().name()
                        .toLowerCase(Locale.ROOT)).put("node", o.nodeId()).put("path", String.valueOf(o.localPath()))
                        .put("bytes", o.bytes());
                if (o.error() != null) {
                    line.put("error", o.error());
                }
                CliContext.line(out, ApiJson.write(line));
                return;
            }
            if (!(event instanceof JobEvent.StatusChanged) || job.status() == JobStatus.SUBMITTING) {
                return;
            }
            if (job.status().isTerminal()) {
                line.put("event", "finished").put("status", switch (job.status()) {
                    case SUCCEEDED -> "succeeded";
                    case CANCELLED -> "cancelled";
                    default -> "failed";
                });
                if (job.errorMessage() != null) {
                    line.put("error", job.errorMessage());
                } else {
                    line.putNull("error");
                }
                if (job.errorJson() != null) {
                    line.set("detail", job.error());
                }
                CliContext.line(out, ApiJson.write(line));
                finished.complete(job);
                return;
            }
            if (job.status() != lastStatus || !Objects.equals(job.queuePosition(), lastPosition)) {
                lastStatus = job.status();
                lastPosition = job.queuePosition();
                line.put("event", "status").put("status", job.status().jsonName());
                if (job.queuePosition() != null) {
                    line.put("queue_position", job.queuePosition());
                } else {
                    line.putNull("queue_position");
                }
                CliContext.line(out, ApiJson.write(line));
            }
        }
    }

    private Workflow readWorkflow() {
        try {
            LoadedWorkflow loaded = new WorkflowReader().read(workflowFile);
            loaded.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            return loaded.workflow();
        } catch (WorkflowFormatException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage());
        }
    }

    private record Assignment(InputRef ref, String value) {
    }

    /** Splits NODE.INPUT=VALUE; node ids and input names may contain dots, so the workflow decides the split. */
    private static Assignment assignment(String option, String text, Workflow workflow) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, option + " " + text + ": expected NODE.INPUT=VALUE, "
                    + "e.g. " + option + " 6.text=\"a red fox\"");
        }
        String address = text.substring(0, eq);
        String value = text.substring(eq + 1);
        Node knownNode = null;
        for (int dot = address.indexOf('.'); dot > 0; dot = address.indexOf('.', dot + 1)) {
            String nodeId = address.substring(0, dot);
            String key = address.substring(dot + 1);
            Node node = workflow.node(nodeId).orElse(null);
            if (node != null) {
                knownNode = node;
                if (node.input(key).isPresent()) {
                    return new Assignment(new InputRef(nodeId, key), value);
                }
            }
        }
        if (knownNode == null) {
            String ids = workflow.nodes().stream().limit(12).map(Node::id).collect(Collectors.joining(", "));
            throw new CliFailure(ExitCodes.INVALID_INPUT, option + " " + address + ": no such node in the workflow "
                    + "(its node ids: " + ids + (workflow.size() > 12 ? ", ..." : "") + ")");
        }
        String keys = knownNode.inputs().stream().map(Input::key).collect(Collectors.joining(", "));
        throw new CliFailure(ExitCodes.INVALID_INPUT, option + " " + address + ": node " + knownNode.id() + " ("
                + knownNode.displayTitle() + ") has no such input; its inputs: " + keys);
    }

    /** A JSON literal when the text parses as one (numbers exact), else the text itself. */
    static JsonNode literal(String value) {
        try {
            JsonNode parsed = ExactJson.parse(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (IOException | RuntimeException e) {
            return TextNode.valueOf(value);
        }
    }

    private static String dataUri(String file, String option) {
        Path path = Path.of(file);
        try {
            byte[] bytes = Files.readAllBytes(path);
            return "data:" + mime(path) + ";base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException | SecurityException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--image " + option + ": cannot read " + file + " ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        }
    }

    private static String mime(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "bmp" -> "image/bmp";
            case "tif", "tiff" -> "image/tiff";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "mov" -> "video/quicktime";
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "flac" -> "audio/flac";
            default -> {
                try {
                    String probed = Files.probeContentType(path);
                    yield probed == null ? "application/octet-stream" : probed;
                } catch (IOException e) {
                    yield "application/octet-stream";
                }
            }
        };
    }

    private static String promptSnippet(WorkflowEdit edit) {
        for (Node node : edit.workflow().nodes()) {
            for (String key : List.of("text", "prompt", "positive")) {
                if (node.input(key).isPresent()) {
                    JsonNode v = edit.value(node.ref(key));
                    if (v.isTextual() && !v.asText().isBlank()) {
                        return v.asText();
                    }
                }
            }
        }
        return null;
    }
}
