package app.comfydesk.jobs;

import app.comfydesk.api.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reachability of each API origin the poller talks to (engine thread only). Kept per origin so that a dead one (say,
 * an old sandbox port) neither slows nor flags jobs on another; publishes {@link JobEvent.ConnectionChanged} when an
 * origin goes offline or comes back.
 */
final class OriginHealth {

    private final Map<String, Origin> origins = new HashMap<>();
    private final Consumer<JobEvent> publish;

    private static final class Origin {
        final String origin;
        int failures;
        boolean offline;
        int inFlight;
        /** Good answers so far: one that came after a job's trouble began shows that trouble is the job's own. */
        long goodAnswers;
        /** Jobs that got a bad answer (5xx, unreadable, ...) since the last good one. */
        final Set<Long> badAnswerJobs = new HashSet<>();

        Origin(String origin) {
            this.origin = origin;
        }
    }

    OriginHealth(Consumer<JobEvent> publish) {
        this.publish = publish;
    }

    private Origin of(String origin) {
        return origins.computeIfAbsent(origin, Origin::new);
    }

    /** One probe at a time to an origin that is down: true while that probe is out. */
    boolean probing(String origin) {
        Origin o = of(origin);
        return o.offline && o.inFlight > 0;
    }

    /** Failed calls in a row to the origin (for the offline back-off). */
    int failures(String origin) {
        return of(origin).failures;
    }

    /** Good answers from the origin so far. */
    long goodAnswers(String origin) {
        return of(origin).goodAnswers;
    }

    void sent(String origin) {
        of(origin).inFlight++;
    }

    void answered(String origin) {
        of(origin).inFlight--;
    }

    /** A good answer: the origin works. */
    void reached(String origin) {
        Origin o = of(origin);
        o.failures = 0;
        o.goodAnswers++;
        o.badAnswerJobs.clear();
        if (o.offline) {
            o.offline = false;
            publish.accept(new JobEvent.ConnectionChanged(o.origin, true, "Connected"));
        }
    }

    /**
     * Whether a failed call tells about the server rather than this job: no answer at all, the account's rate limit,
     * or a bad answer (5xx, a redirect, an unreadable body, an error in a 200) that is every job's. A bad answer is
     * the job's own once the server answered another job since this one's trouble began ({@code goodAnswersBefore});
     * before that it counts when another job got one too since the last good answer (it is noted here for that), or
     * when there is no other job to tell ({@code othersOnOrigin}). When it counts, the origin is marked offline.
     */
    boolean countsAgainstConnection(String origin, long jobId, long goodAnswersBefore, ApiException e,
                                    BooleanSupplier othersOnOrigin) {
        Origin o = of(origin);
        boolean counts;
        if (e.isNetworkError() || e.httpStatus() == 429) {
            counts = true;
        } else if (isRequestError(e.httpStatus()) || o.goodAnswers > goodAnswersBefore) {
            counts = false;
        } else {
            o.badAnswerJobs.add(jobId);
            counts = o.badAnswerJobs.size() > 1 || !othersOnOrigin.getAsBoolean();
        }
        if (counts) {
            o.failures++;
            if (!o.offline) {
                o.offline = true;
                publish.accept(new JobEvent.ConnectionChanged(o.origin, false, e.userMessage()));
            }
        }
        return counts;
    }

    /** A 4xx about the request or its token (not 408 or 429, which say the server is busy). */
    static boolean isRequestError(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
