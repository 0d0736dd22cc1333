package app.comfydesk.cli;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiVersion;
import picocli.CommandLine.Option;

/** {@code --base-url}, {@code --deployment}, {@code --api-version}: where the requests go. */
final class TargetOptions {

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "API base URL, e.g. https://api.runcomfy.net")
    String baseUrl;

    @Option(names = "--deployment", required = true, paramLabel = "ID", description = "Deployment id")
    String deployment;

    @Option(names = "--api-version", paramLabel = "v1|v2", defaultValue = "v1",
            description = "API version path segment (default: ${DEFAULT-VALUE})")
    String apiVersion;

    ApiEndpoint endpoint() {
        try {
            return ApiEndpoint.of(baseUrl, ApiVersion.parse(apiVersion), deployment);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage());
        }
    }
}
