package app.comfydesk.ui.deployments;

import app.comfydesk.api.Deployment;
import app.comfydesk.ui.settings.Profile;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where the browser reads an account's deployments from. Blocking: the view model calls it through the background
 * executor. The API implementation is {@link ApiDeploymentSource}.
 */
public interface DeploymentSource {

    List<Deployment> list(Profile account, String token) throws Exception;

    /** One deployment with its payload (stored workflow, default overrides, object_info URL). */
    Deployment get(Profile account, String token, String deploymentId) throws Exception;

    /** The deployment's own object_info. */
    JsonNode objectInfo(Profile account, String token, Deployment deployment) throws Exception;
}
