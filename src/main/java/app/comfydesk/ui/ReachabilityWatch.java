package app.comfydesk.ui;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.jobs.JobMonitorViewModel;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileSelector;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.ReachabilityProbe;
import java.time.Duration;
import java.time.Instant;

/**
 * An unreachable server is found without waiting for a job to fail: the active profile's server is probed when
 * the profile becomes active, and again every {@link #REPROBE_SECONDS} s while it does not answer (the engine
 * polls only while jobs are unfinished). The chip, the status bar and the banner follow the active profile.
 */
final class ReachabilityWatch {

    /** Seconds between probes of an active server that did not answer. */
    static final int REPROBE_SECONDS = 20;

    private final ProfilesViewModel profiles;
    private final JobMonitorViewModel monitor;
    private final ProfileSelector chip;
    private final BackgroundExecutor executor;
    private final ReachabilityProbe probe = new ReachabilityProbe();
    private boolean probing;
    private Instant lastProbe;

    ReachabilityWatch(ProfilesViewModel profiles, JobMonitorViewModel monitor, ProfileSelector chip,
            BackgroundExecutor executor) {
        this.profiles = profiles;
        this.monitor = monitor;
        this.chip = chip;
        this.executor = executor;
    }

    /** Probes the active server now and follows profile changes and the monitor's clock from here on. */
    void start() {
        profiles.activeProperty().addListener(obs -> probeActive());
        monitor.connectionProperty().addListener((obs, old, status) -> chip.offlineReasonProperty()
                .set(status == null || status.online() ? null : status.message()));
        monitor.nowProperty().addListener((obs, old, now) -> {
            var status = monitor.connectionProperty().get();
            if (lastProbe == null) {
                lastProbe = now;
            }
            if (status != null && !status.online() && now != null && lastProbe != null
                    && Duration.between(lastProbe, now).getSeconds() >= REPROBE_SECONDS) {
                probeActive();
            }
        });
        probeActive();
    }

    private void probeActive() {
        Profile active = profiles.getActive();
        if (active == null || active.problem() != null || probing) {
            return;
        }
        probing = true;
        lastProbe = monitor.nowProperty().get();
        String token = profiles.token(active).orElse("");
        String baseUrl = active.baseUrl();
        executor.submit(() -> probe.offlineReason(active, token))
                .onSuccess(reason -> monitor.connectionProbed(baseUrl, reason))
                .onFinally(() -> probing = false);
    }
}
