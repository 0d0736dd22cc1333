package app.comfydesk.cli;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}, {@code result}, {@code cancel}, {@code delete}: one call, the server's JSON answer on stdout. */
abstract class RequestCommands implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "ID", description = "The request id submit returned")
    String requestId;

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private final BiFunction<RunComfyClient, String, CompletableFuture<JsonNode>> call;

    RequestCommands(CliContext context, BiFunction<RunComfyClient, String, CompletableFuture<JsonNode>> call) {
        this.context = context;
        this.call = call;
    }

    @Override
    public Integer call() {
        String token = context.token();
        try (RunComfyClient client = new RunComfyClient(target.endpoint(), () -> token, RetryPolicy.defaults())) {
            JsonNode answer = call.apply(client, requestId.trim()).get();
            CliContext.line(spec.commandLine().getOut(), ApiJson.write(answer));
            return ExitCodes.SUCCEEDED;
        } catch (ExecutionException e) {
            throw new CliFailure(ExitCodes.API_ERROR, message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.API_ERROR, "Interrupted");
        }
    }

    String message(Throwable error) {
        return error instanceof ApiException api ? api.userMessage() : String.valueOf(error.getMessage());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print a request's status as the server reports it.")
    static final class Status extends RequestCommands {
        Status(CliContext context) {
            super(context, (client, id) -> client.status(id).thenApply(r -> r.raw()));
        }
    }

    @Command(name = "result", mixinStandardHelpOptions = true,
            description = "Print a request's result (outputs or error) as the server reports it.")
    static final class Result extends RequestCommands {
        Result(CliContext context) {
            super(context, (client, id) -> client.result(id).thenApply(r -> r.raw()));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running request.")
    static final class Cancel extends RequestCommands {
        Cancel(CliContext context) {
            super(context, (client, id) -> client.cancel(id).thenApply(r -> r.raw()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Purge a finished request's inputs and outputs from RunComfy's storage.")
    static final class Delete extends RequestCommands {
        Delete(CliContext context) {
            super(context, (client, id) -> client.delete(id).thenApply(r -> r.raw()));
        }

        @Override
        String message(Throwable error) {
            if (error instanceof ApiException api && api.httpStatus() == 409) {
                return api.userMessage() + ". The request is not finished: cancel it first (comfydesk cancel "
                        + requestId + " ...) or wait until it finishes, then delete it.";
            }
            return super.message(error);
        }
    }
}
