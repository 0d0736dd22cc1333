package app.comfydesk.jobs;

import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import java.util.function.Function;

/**
 * Gives the engine a client for a job's target. The app supplies it because it knows the tokens per profile.
 * The engine keeps one client per distinct target and closes them when it closes.
 */
@FunctionalInterface
public interface ClientFactory {

    RunComfyClient clientFor(JobTarget target);

    /** Clients with default retries whose token is looked up by profile id on every call (so edits apply). */
    static ClientFactory withTokens(Function<String, String> tokenForProfile) {
        return target -> new RunComfyClient(target.endpoint(), () -> tokenForProfile.apply(target.profileId()),
                RetryPolicy.defaults());
    }
}
