package app.comfydesk.ui.jobs;

import java.util.concurrent.CompletionStage;

/**
 * What the details offer on a job whose GPU instance is alive; the app implements it over the deployment's
 * instance proxy. Each completes with a sentence saying what happened (or fails with the reason).
 */
public interface InstanceActions {

    /** Asks the live ComfyUI to unload its models and free memory. */
    CompletionStage<String> freeMemory(String deploymentId, String instanceId);

    /** Reads object_info from the live ComfyUI and makes the form's widgets follow it. */
    CompletionStage<String> refreshSchema(String deploymentId, String instanceId);
}
