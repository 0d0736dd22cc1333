package app.comfydesk.ui.settings;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.ui.common.UserFacingException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tests a profile with the cheapest authenticated call there is: the status of a request id that cannot exist.
 * A 404 means the server took the token and looked; 401/403 mean it did not.
 */
public final class ApiConnectionTester implements ConnectionTester {

    static final String PROBE_REQUEST_ID = "comfydesk-connection-test";

    @Override
    public String test(Profile profile, String token) throws Exception {
        try (RunComfyClient client = new RunComfyClient(endpointOf(profile), () -> token, RetryPolicy.none())) {
            client.status(PROBE_REQUEST_ID).get(20, TimeUnit.SECONDS);
            return "Connected: the server accepted the token.";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                return explain(api);
            }
            throw e;
        } catch (TimeoutException e) {
            throw new UserFacingException("No answer from " + profile.baseUrl() + " within 20 seconds. "
                    + "Check the base URL and your network connection.", e);
        }
    }

    private static app.comfydesk.api.ApiEndpoint endpointOf(Profile profile) {
        try {
            return profile.endpoint();
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }

    static String explain(ApiException api) {
        int status = api.httpStatus();
        if (status == 404) {
            return "Connected: the token was accepted (a made-up request id was not found, as expected).";
        }
        if (status == 401) {
            throw new UserFacingException("The token was rejected (401 Unauthorized). Copy the API token again "
                    + "from your RunComfy account page.", api);
        }
        if (status == 403) {
            throw new UserFacingException("The token is valid but may not use this deployment "
                    + "(403 Forbidden). Check the deployment id.", api);
        }
        if (api.isNetworkError()) {
            // The client's words often end with the same advice already ("…; check the base URL and your
            // connection"): said once.
            String reason = api.userMessage();
            boolean advised = reason.toLowerCase(java.util.Locale.ROOT).contains("check the base url");
            throw new UserFacingException("Could not reach the server: " + reason
                    + (advised ? "." : ". Check the base URL and your network connection."), api);
        }
        throw new UserFacingException(api.userMessage(), api);
    }
}
