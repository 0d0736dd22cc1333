package app.comfydesk.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SandboxServer} runs. Build one with {@link #builder(Path)}; every knob has a default suited to a person
 * trying the app (one worker so the queue is visible, a short simulated queue and run time, 7-day retention).
 *
 * @param port          TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param workers       how many requests run at once
 * @param home          the sandbox home: {@code deployments/<id>/workflow_api.json}, {@code input/}, {@code storage/}
 * @param retention     how long hosted inputs and outputs stay downloadable after a request finishes
 * @param queueTime     minimum time a request stays {@code in_queue} (a simulated cold start), real time
 * @param runTime       minimum time a request stays {@code in_progress}, real time; execution itself may take longer
 * @param latency       added before every HTTP answer, real time
 * @param clock         source of timestamps and of retention expiry; tests inject a movable clock
 * @param fixedToken    the Bearer token to accept, or {@code null} for a random token persisted in the home
 * @param faults        injected failures; the same plan stays editable through {@link SandboxServer#faults()}
 * @param installSamples whether to install the sample deployments and input image when they are missing
 */
public record SandboxConfig(int port, int workers, Path home, Duration retention, Duration queueTime,
                            Duration runTime, Duration latency, Clock clock, String fixedToken, FaultPlan faults,
                            boolean installSamples) {

    /** The token the CLI and docs use when a predictable token is wanted ({@code --token sandbox}). */
    public static final String FIXED_TOKEN = "sandbox";

    public SandboxConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(queueTime, "queueTime");
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(faults, "faults");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (retention.isNegative() || queueTime.isNegative() || runTime.isNegative() || latency.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (fixedToken != null && fixedToken.isBlank()) {
            throw new IllegalArgumentException("a fixed token must not be blank");
        }
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** A builder for tests: ephemeral port, no simulated waiting, fixed token {@code "sandbox"}. */
    public static Builder forTests(Path home) {
        return new Builder(home).queueTime(Duration.ZERO).runTime(Duration.ZERO).token(FIXED_TOKEN);
    }

    public Builder toBuilder() {
        Builder b = new Builder(home);
        b.port = port;
        b.workers = workers;
        b.retention = retention;
        b.queueTime = queueTime;
        b.runTime = runTime;
        b.latency = latency;
        b.clock = clock;
        b.fixedToken = fixedToken;
        b.faults = faults;
        b.installSamples = installSamples;
        return b;
    }

    public static final class Builder {
        private final Path home;
        private int port;
        private int workers = 1;
        private Duration retention = Duration.ofDays(7);
        private Duration queueTime = Duration.ofMillis(500);
        private Duration runTime = Duration.ofSeconds(2);
        private Duration latency = Duration.ZERO;
        private Clock clock = Clock.systemUTC();
        private String fixedToken;
        private FaultPlan faults = new FaultPlan();
        private boolean installSamples = true;

        private Builder(Path home) {
            this.home = home;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Builder queueTime(Duration queueTime) {
            this.queueTime = queueTime;
            return this;
        }

        public Builder runTime(Duration runTime) {
            this.runTime = runTime;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Accept exactly this token instead of the random one persisted in the home. */
        public Builder token(String token) {
            this.fixedToken = token;
            return this;
        }

        public Builder faults(FaultPlan faults) {
            this.faults = faults;
            return this;
        }

        public Builder installSamples(boolean installSamples) {
            this.installSamples = installSamples;
            return this;
        }

        public SandboxConfig build() {
            return new SandboxConfig(port, workers, home, retention, queueTime, runTime, latency, clock, fixedToken,
                    faults, installSamples);
        }
    }
}
