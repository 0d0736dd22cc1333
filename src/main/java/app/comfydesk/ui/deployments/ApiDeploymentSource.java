package app.comfydesk.ui.deployments;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.Deployment;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.ui.common.UserFacingException;
import app.comfydesk.ui.settings.Profile;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deployments through RunComfy's v2 API ({@link DeploymentsApi}), one short-lived client per call with the account's
 * base URL and token, the way the engine's clients are built per target. The sandbox serves the v2 deployment
 * routes whatever version its queue is used with, so it is always asked in v2.
 */
public final class ApiDeploymentSource implements DeploymentSource {

    /** The longest the browser waits for one answer (the client's own retries included). */
    public static final long ANSWER_LIMIT_SECONDS = 90;

    private final Path objectInfoCache;
    private final RetryPolicy retries;

    /** @param objectInfoCache where fetched object_info files are kept per deployment and version, or null */
    public ApiDeploymentSource(Path objectInfoCache) {
        this(objectInfoCache, RetryPolicy.defaults());
    }

    /**
     * @param retries how often one call is tried (tests pass {@link RetryPolicy#none()}: a refused connection to a
     *                placeholder server must fail at once, not after the default backoff of several seconds)
     */
    public ApiDeploymentSource(Path objectInfoCache, RetryPolicy retries) {
        this.objectInfoCache = objectInfoCache;
        this.retries = retries;
    }

    @Override
    public List<Deployment> list(Profile account, String token) throws Exception {
        try (DeploymentsApi api = open(account, token)) {
            return await(api.list(false), account);
        }
    }

    @Override
    public Deployment get(Profile account, String token, String deploymentId) throws Exception {
        try (DeploymentsApi api = open(account, token)) {
            return await(api.get(deploymentId, true), account);
        }
    }

    @Override
    public JsonNode objectInfo(Profile account, String token, Deployment deployment) throws Exception {
        try (DeploymentsApi api = open(account, token)) {
            return await(api.objectInfo(deployment), account);
        }
    }

    private DeploymentsApi open(Profile account, String token) {
        URI base;
        try {
            // Listing needs no deployment: the base URL is checked as an endpoint's would be (https, or loopback).
            base = app.comfydesk.api.ApiEndpoint.of(account.baseUrl(), ApiVersion.V2, "account").baseUrl();
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        return DeploymentsApi.open(base, ApiVersion.V2, () -> token, retries,
                ClientTimeouts.defaults(), Delayer.system(), objectInfoCache);
    }

    private static <T> T await(CompletableFuture<T> answer, Profile account) throws Exception {
        try {
            return answer.get(ANSWER_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UserFacingException("No answer from " + account.baseUrl() + " within " + ANSWER_LIMIT_SECONDS
                    + " seconds (ApiDeploymentSource.ANSWER_LIMIT_SECONDS). Check your network, then refresh.", e);
        }
    }
}
