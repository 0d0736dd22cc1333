package app.comfydesk.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiVersion;
import java.net.URI;
import java.util.Objects;

/**
 * Where a job runs: base URL, API version, deployment, and the id of the settings profile whose token is used
 * (the token itself is never stored; the {@link ClientFactory} looks it up by profile id; null = default).
 */
public record JobTarget(URI baseUrl, ApiVersion version, String deploymentId, String profileId) {

    public JobTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(deploymentId, "deploymentId");
    }

    public static JobTarget of(ApiEndpoint endpoint, String profileId) {
        return new JobTarget(endpoint.baseUrl(), endpoint.version(), endpoint.deploymentId(), profileId);
    }

    public ApiEndpoint endpoint() {
        return new ApiEndpoint(baseUrl, version, deploymentId);
    }
}
