package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiException;
import app.comfydesk.jobs.Job;
import app.comfydesk.ui.common.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** One Generate's runs, answered: the jobs accepted, each refusal in words, and the API errors behind them. */
final class BatchOutcome {

    private BatchOutcome() {
    }

    /** Completes when the last run is answered; a refused run is a failure in the outcome, not a failed future. */
    static CompletableFuture<SubmitModel.Outcome> gather(List<CompletableFuture<Job>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((ignored, anyFailure) -> {
            List<Job> accepted = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<ApiException> errors = new ArrayList<>();
            for (CompletableFuture<Job> future : futures) {
                try {
                    accepted.add(future.join()); // complete by now: join() does not wait
                } catch (CompletionException | CancellationException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    failures.add(describe(cause));
                    if (cause instanceof ApiException api) {
                        errors.add(api);
                    }
                }
            }
            return new SubmitModel.Outcome(accepted, failures, errors);
        });
    }

    private static String describe(Throwable error) {
        if (error instanceof ApiException api) {
            return api.userMessage();
        }
        if (error instanceof UserFacingException) {
            return error.getMessage();
        }
        return error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
