package app.comfydesk.ui.settings;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a profile's server can be reached at all, asked when the profile becomes active (and again while it is
 * not), so that an unreachable server says so before a job fails. The same cheap call as Test connection (the
 * status of a request id that cannot exist); any HTTP answer, even 401, means the server is there. Runs on a worker.
 */
public final class ReachabilityProbe {

    /** How long one probe waits for an answer; named in docs/RELIABILITY.md. */
    public static final int TIMEOUT_SECONDS = 8;

    /** Null when the server answered, else why it could not be reached, in words. */
    public String offlineReason(Profile profile, String token) {
        try (RunComfyClient client = new RunComfyClient(profile.endpoint(), () -> token, RetryPolicy.none())) {
            client.status(ApiConnectionTester.PROBE_REQUEST_ID).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof ApiException api && api.isNetworkError() ? api.userMessage() : null;
        } catch (TimeoutException e) {
            return "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IllegalArgumentException badUrl) {
            // The profile's own problem (an invalid base URL) is shown by the chip already.
            return null;
        }
    }
}
