package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.jobs.InstanceActions;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.workflow.NodeSchemas;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The job details' actions on a live instance, over the active account's instance proxy: free its GPU memory, or
 * read its object_info so the form's widgets follow what the instance really runs.
 */
public final class LiveInstanceActions implements InstanceActions {

    private final ProfilesViewModel profiles;
    private final WorkflowStudio studio;
    private final BackgroundExecutor executor;

    public LiveInstanceActions(ProfilesViewModel profiles, WorkflowStudio studio, BackgroundExecutor executor) {
        this.profiles = profiles;
        this.studio = studio;
        this.executor = executor;
    }

    @Override
    public CompletionStage<String> freeMemory(String deploymentId, String instanceId) {
        return withApi(api -> api.freeMemory(deploymentId, instanceId)
                .thenApply(answer -> "Instance " + instanceId + " unloaded its models and freed its memory."));
    }

    @Override
    public CompletionStage<String> refreshSchema(String deploymentId, String instanceId) {
        String from = "the live instance " + instanceId;
        CompletableFuture<NodeSchemas> read = withApi(api -> api.proxyObjectInfo(deploymentId, instanceId)
                .thenApply(json -> {
                    try {
                        return NodeSchemas.parse(json, "object_info of " + from);
                    } catch (app.comfydesk.workflow.WorkflowFormatException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }));
        CompletableFuture<String> done = new CompletableFuture<>();
        executor.follow(read).onSuccess(schemas -> {
            studio.useLiveSchemas(schemas, from);
            done.complete(schemas.size() + " node types read from " + from + "; the form follows them.");
        }).onError(error -> done.completeExceptionally(new IllegalStateException(error.message())));
        return done;
    }

    /** A client of the active account for one call, closed when the call ends. */
    private <T> CompletableFuture<T> withApi(Function<DeploymentsApi, CompletableFuture<T>> call) {
        Profile profile = profiles.getActive();
        if (profile == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("No account is active."));
        }
        String token = profiles.token(profile).orElse(null);
        DeploymentsApi api;
        try {
            api = DeploymentsApi.open(URI.create(profile.baseUrl().strip()), ApiVersion.V2, () -> token,
                    RetryPolicy.none(), ClientTimeouts.defaults(), Delayer.system(), null);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.apply(api).whenComplete((value, error) -> api.close());
    }
}
