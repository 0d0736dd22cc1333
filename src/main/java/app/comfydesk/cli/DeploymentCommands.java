package app.comfydesk.cli;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.Balance;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.Deployment;
import app.comfydesk.api.DeploymentPayload;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.api.RetryPolicy;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deployments}, {@code deployment ID} and {@code balance}: the account side of RunComfy's v2 API. */
abstract class DeploymentCommands implements Callable<Integer> {

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "API base URL, e.g. https://api.runcomfy.net")
    String baseUrl;

    @Spec
    CommandSpec spec;

    final CliContext context;

    DeploymentCommands(CliContext context) {
        this.context = context;
    }

    /** The folder that keeps fetched object_info files, per deployment and workflow version. */
    static java.nio.file.Path objectInfoCache(CliContext context) {
        return context.directories().data().resolve("object_info");
    }

    /** A client for {@code baseUrl} with the shell's token; invalid URLs exit 2. */
    static DeploymentsApi open(CliContext context, String baseUrl, ApiVersion version) {
        String token = context.token();
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
            return DeploymentsApi.open(uri, version, () -> token, RetryPolicy.defaults(), ClientTimeouts.defaults(),
                    Delayer.system(), objectInfoCache(context));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage() != null && e.getMessage()
                    .startsWith("Base URL") ? e.getMessage() : "Base URL '" + baseUrl + "' is not a valid URL");
        }
    }

    /** Waits for an API call; its failure exits 4 with RunComfy's error in words. */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new CliFailure(ExitCodes.API_ERROR, cause instanceof ApiException api ? api.userMessage()
                    : String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.API_ERROR, "Interrupted");
        }
    }

    static ObjectNode json(Deployment d) {
        ObjectNode o = ApiJson.object();
        o.put("id", d.id()).put("name", d.name()).put("status", d.status());
        if (d.enabled() != null) {
            o.put("enabled", d.enabled());
        }
        o.put("hardware", d.hardware()).put("workflow_id", d.workflowId()).put("workflow_version",
                d.workflowVersion());
        putInt(o, "min_instances", d.minInstances());
        putInt(o, "max_instances", d.maxInstances());
        putInt(o, "queue_size", d.queueSize());
        o.put("created_at", d.createdAt()).put("updated_at", d.updatedAt());
        d.payload().ifPresent(p -> o.set("payload", ApiJson.object()
                .put("node_count", p.workflow().workflow().size())
                .<ObjectNode>set("default_overrides", p.defaultOverrides())
                .put("object_info_url", p.objectInfoUrl() == null ? null : p.objectInfoUrl().toString())));
        return o;
    }

    private static void putInt(ObjectNode o, String key, Integer v) {
        if (v != null) {
            o.put(key, v);
        }
    }

    static String cell(Object v) {
        return v == null ? "-" : String.valueOf(v);
    }

    @Command(name = "deployments", mixinStandardHelpOptions = true,
            description = "List the account's deployments: id, name, status, enabled, hardware, workflow version.")
    static final class ListCommand extends DeploymentCommands {

        @Option(names = "--api-version", paramLabel = "v1|v2", defaultValue = "v2",
                description = "API version path segment (default: ${DEFAULT-VALUE})")
        String apiVersion;

        @Option(names = "--json", description = "One JSON array instead of a table")
        boolean json;

        ListCommand(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiVersion version;
            try {
                version = ApiVersion.parse(apiVersion);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage());
            }
            try (DeploymentsApi api = open(context, baseUrl, version)) {
                List<Deployment> list = await(api.list(false));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ArrayNode array = ApiJson.mapper().createArrayNode();
                    list.forEach(d -> array.add(json(d)));
                    CliContext.line(out, ApiJson.write(array));
                    return ExitCodes.SUCCEEDED;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"ID", "NAME", "STATUS", "ENABLED", "HARDWARE", "WORKFLOW VERSION"});
                for (Deployment d : list) {
                    rows.add(new String[] {cell(d.id()), cell(d.name()), cell(d.status()),
                        d.enabled() == null ? "-" : d.enabled() ? "yes" : "no", cell(d.hardware()),
                        cell(d.workflowVersion())});
                }
                printTable(out, rows);
                return ExitCodes.SUCCEEDED;
            }
        }

        private static void printTable(PrintWriter out, List<String[]> rows) {
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    b.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(b.toString().stripTrailing());
            }
            out.flush();
        }
    }

    @Command(name = "deployment", mixinStandardHelpOptions = true,
            description = "Show one deployment and its stored workflow: node count, default overrides, object_info "
                    + "URL.")
    static final class ShowCommand extends DeploymentCommands {

        @Parameters(index = "0", paramLabel = "ID", description = "Deployment id")
        String id;

        @Option(names = "--json", description = "One JSON object instead of lines of text")
        boolean json;

        ShowCommand(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (DeploymentsApi api = open(context, baseUrl, ApiVersion.V2)) {
                Deployment d = await(api.get(id.trim(), true));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    CliContext.line(out, ApiJson.write(json(d)));
                    return ExitCodes.SUCCEEDED;
                }
                out.println("id: " + cell(d.id()));
                out.println("name: " + cell(d.name()));
                out.println("status: " + cell(d.status()) + (Objects.equals(d.enabled(), Boolean.FALSE)
                        ? " (disabled: enable it on RunComfy)" : ""));
                out.println("hardware: " + cell(d.hardware()));
                out.println("workflow: " + cell(d.workflowId()) + " version " + cell(d.workflowVersion()));
                out.println("instances: " + cell(d.minInstances()) + " to " + cell(d.maxInstances())
                        + ", queue size " + cell(d.queueSize()));
                DeploymentPayload p = d.payload().orElse(null);
                if (p == null) {
                    out.println("stored workflow: not sent by the server");
                } else {
                    out.println("stored workflow: " + p.workflow().workflow().size() + " nodes");
                    out.println("default overrides: " + ApiJson.write(p.defaultOverrides()));
                    out.println("object_info: " + cell(p.objectInfoUrl()));
                }
                out.flush();
                return ExitCodes.SUCCEEDED;
            }
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Show the account's balance.")
    static final class BalanceCommand extends DeploymentCommands {

        BalanceCommand(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (DeploymentsApi api = open(context, baseUrl, ApiVersion.V2)) {
                Balance b = await(api.balance());
                CliContext.line(spec.commandLine().getOut(), b.amount().toPlainString() + " " + b.currency());
                return ExitCodes.SUCCEEDED;
            }
        }
    }
}
