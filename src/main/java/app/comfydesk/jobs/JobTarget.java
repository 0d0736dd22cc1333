package app.comfydesk.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiVersion;
import java.net.URI;
import java.util.Objects;

/**
 * Where a job runs: base URL, API version, deployment, and the id of the settings profile whose token is used
 * (the token itself is never stored; the {@link ClientFactory} looks it up by profile id). A null profile id marks
 * a job of the command line, whose token is the {@code RUNCOMFY_TOKEN} of the shell that runs or resumes it.
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

    /** A job submitted by the command line ({@code comfydesk run}): no settings profile, token from the shell. */
    public static JobTarget commandLine(ApiEndpoint endpoint) {
        return of(endpoint, null);
    }

    public boolean isCommandLine() {
        return profileId == null;
    }

    public ApiEndpoint endpoint() {
        return new ApiEndpoint(baseUrl, version, deploymentId);
    }
}
