package app.comfydesk.cli;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.SubmissionFactory;
import app.comfydesk.jobs.OutputPaths;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.media.LocalMedia;
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
import app.comfydesk.workflow.variations.AxisGrammar;
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
import java.util.concurrent.Callable;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW", description = {
        "A workflow_api.json: overrides are its differences from the deployment's stored workflow (when the server",
        "sends it), plus the --set values. Without it the stored workflow is fetched and every --set/--image is",
        "checked against it and the deployment's object_info before anything is sent."})
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

    @Option(names = "--webhook", paramLabel = "URL", description = "Ask RunComfy to POST the result to this URL")
    String webhook;

    @Option(names = "--webhook-intermediate", description = "Also POST queue and progress changes to the webhook")
    boolean webhookIntermediate;

    @picocli.CommandLine.Mixin
    GiveUpOption giveUp;

    @Mixin
    SweepOptions sweep;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        ApiEndpoint endpoint = target.endpoint();
        // Without a file the stored workflow is needed to check the edits; with one it is fetched only once the
        // edits passed the local checks, so invalid input sends nothing at all.
        StoredWorkflow.Found stored = workflowFile == null ? StoredWorkflow.fetch(context, endpoint, true, err())
                : null;
        Workflow workflow = workflowFile == null ? stored.workflow() : readWorkflow();
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        for (String set : sets) {
            Assignment a = assignment("--set", set, workflow);
            values.put(a.ref(), literal(a.value()));
        }
        for (String image : images) {
            Assignment a = assignment("--image", image, workflow);
            values.put(a.ref(), TextNode.valueOf(dataUri(a.value(), image)));
        }
        WorkflowEdit edit = (stored != null && workflowFile == null ? new WorkflowEdit(workflow, stored.schemas())
                : new WorkflowEdit(workflow)).withAll(values);
        if (sweep.active()) {
            return new SweepRun(this, sweep, spec.commandLine().getOut(), spec.commandLine().getErr())
                    .run(endpoint, workflow, edit, values);
        }
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
        if (stored != null) {
            errors.addAll(stored.optionErrors(values));
        }
        if (!errors.isEmpty()) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "Nothing was sent; fix these inputs:\n  "
                    + String.join("\n  ", errors));
        }
        String token = context.token();
        Path outFolder = writableOutFolder();
        // Exactly the inputs given, even those equal to the local copy: the deployed workflow may differ from it.
        ObjectNode given = givenOverrides(workflow, values);
        if (workflowFile != null && !dynamic) {
            stored = StoredWorkflow.fetch(context, endpoint, false, err());
        }
        if (stored != null && workflowFile != null && !dynamic) {
            // The deployment is the truth: the file's differences from what it stores, then the --set values.
            given = StoredWorkflow.overrides(stored, edit.appliedWorkflow(), given);
        }
        JobSubmission submission = submissions(endpoint, stored, outFolder, edit).submission(edit, given);
        return follow(submission, token, outFolder);
    }

    /** {@code {"<node id>": {"inputs": {...}}}} of the given values, in the workflow's order, numbers exact. */
    static ObjectNode givenOverrides(Workflow workflow, Map<InputRef, JsonNode> values) {
        ObjectNode overrides = ExactJson.NODES.objectNode();
        for (Node node : workflow.nodes()) {
            for (Input input : node.inputs()) {
                JsonNode value = values.get(node.ref(input.key()));
                if (value != null) {
                    overrides.with(node.id()).with("inputs").set(input.key(), value.deepCopy());
                }
            }
        }
        return overrides;
    }

    String webhookUrl() {
        if (webhook == null) {
            if (webhookIntermediate) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, "--webhook-intermediate needs --webhook URL");
            }
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(webhook.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // worded below
        }
        throw new CliFailure(ExitCodes.INVALID_INPUT, "--webhook " + webhook + ": not an http(s) URL such as "
                + "https://example.com/hook");
    }

    /** Creates {@code --out} and checks it can take files, before anything is sent. */
    Path writableOutFolder() {
        Path folder = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".comfydesk-write-check", ".tmp");
            Files.delete(probe);
            return folder;
        } catch (IOException | SecurityException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--out " + out + ": cannot write there ("
                    + OutputPaths.whyNotWritable(e) + "); nothing was sent");
        }
    }

    private int follow(JobSubmission submission, String token, Path outFolder) {
        context.directories().ensureCreated();
        EngineSettings settings = context.tuning().apply(EngineSettings.defaults(outFolder));
        try (JobStore store = JobStore.open(context.directories().databaseFile())) {
            JobEventPrinter printer = new JobEventPrinter(spec.commandLine().getOut(), spec.commandLine().getErr());
            JobEngine engine = new JobEngine(store, CliContext.clients(token), settings);
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
                Job done = printer.awaitAll(engine, giveUp.giveUpAfter, settings.clock(), RunCommand::howToCheck)
                        .get(0);
                return exitCode(done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.API_ERROR, "Interrupted; the job goes on: follow it again with "
                        + "`comfydesk jobs --resume`");
            } catch (ExecutionException e) {
                throw new CliFailure(ExitCodes.API_ERROR, String.valueOf(e.getCause().getMessage()));
            } finally {
                engine.close();
            }
        }
    }

    static String howToCheck(Job job) {
        return "`comfydesk status " + job.requestId() + " --base-url " + job.target().baseUrl() + " --deployment "
                + job.target().deploymentId() + (job.target().version() == app.comfydesk.api.ApiVersion.V1 ? ""
                : " --api-version " + job.target().version().pathSegment()) + "`";
    }

    static int exitCode(Job done) {
        return switch (done.status()) {
            case SUCCEEDED -> ExitCodes.SUCCEEDED;
            case CANCELLED -> ExitCodes.CANCELLED;
            case SUBMISSION_UNCERTAIN -> ExitCodes.API_ERROR;
            default -> ExitCodes.FAILED;
        };
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
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

    record Assignment(InputRef ref, String value) {
    }

    /** Splits NODE.INPUT=VALUE; node ids and input names may contain dots, so the workflow decides the split. */
    static Assignment assignment(String option, String text, Workflow workflow) {
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
        return AxisGrammar.literal(value);
    }

    private static String dataUri(String file, String option) {
        LocalMedia.Content content;
        try {
            content = LocalMedia.read(Path.of(file), LocalMedia.COMMAND_LINE_LIMIT_BYTES);
        } catch (LocalMedia.RefusedException e) {
            String address = option.substring(0, Math.max(0, option.indexOf('=')));
            String fix = e.reason() != LocalMedia.RefusedException.Reason.TOO_LARGE ? ""
                    : "; downscale it (e.g. magick IN -resize '2048x2048>' OUT.png) or host it and pass its URL with "
                    + "--set " + address + "=https://...";
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--image " + option + ": " + e.getMessage() + fix
                    + "; nothing was sent");
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "--image " + option + ": " + file
                    + " is not a valid path; nothing was sent");
        }
        return "data:" + content.mimeType() + ";base64," + Base64.getEncoder().encodeToString(content.bytes());
    }

    /**
     * The command line's request assembly, the studio's own ({@link SubmissionFactory}): the overrides it is given
     * are already measured against the stored workflow ({@code stored}, null when it could not be read), so what
     * the deployment runs is known as a whole when it was read or the whole workflow is sent.
     */
    SubmissionFactory submissions(ApiEndpoint endpoint, StoredWorkflow.Found stored, Path outFolder,
                                  WorkflowEdit edit) {
        SubmissionFactory.Sending sending = new SubmissionFactory.Sending(dynamic, null, null,
                dynamic || stored != null, webhookUrl(), webhookIntermediate, context.comfyOrgKey());
        String source = workflowFile == null ? "stored workflow of " + endpoint.deploymentId()
                : workflowFile.getFileName().toString();
        return SubmissionFactory.forWorkflow(JobTarget.commandLine(endpoint), sending, source, outFolder, edit);
    }
}
