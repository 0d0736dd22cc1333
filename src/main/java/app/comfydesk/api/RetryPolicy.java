package app.comfydesk.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed call is retried: up to {@code maxAttempts} tries in total, exponential
 * backoff from {@code initialDelay} capped at {@code maxDelay}, plus up to {@code jitter} (0..1) of random extra,
 * and a server's {@code Retry-After} honoured up to {@code maxRetryAfter} (longer waits give up instead).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter,
                          double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
    }

    /** 4 attempts, 0.5 s doubling to at most 8 s, 20 % jitter, Retry-After up to 2 minutes. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(2), 0.2);
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /** Wait before attempt number {@code attempt + 1} after {@code attempt} failed tries (1-based). */
    public Duration backoff(int attempt) {
        long base = initialDelay.toMillis();
        long exp = base << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(exp, maxDelay.toMillis());
        long extra = jitter == 0 || capped == 0 ? 0
                : (long) (capped * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped + extra);
    }
}
