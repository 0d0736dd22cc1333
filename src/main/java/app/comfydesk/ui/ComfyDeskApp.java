package app.comfydesk.ui;

import app.comfydesk.LogFolder;
import app.comfydesk.api.ApiException;
import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobStoreException;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.FirstFrame;
import app.comfydesk.ui.common.HelpMenu;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.QuitConfirmation;
import app.comfydesk.ui.common.StartupProbe;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.common.WindowIcons;
import app.comfydesk.ui.common.WindowStateStore;
import app.comfydesk.ui.jobs.JobMonitorFeature;
import app.comfydesk.ui.settings.ApiConnectionTester;
import app.comfydesk.ui.settings.AppSettings;
import app.comfydesk.ui.settings.FileSecretStore;
import app.comfydesk.ui.settings.KeyringSecretStore;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SandboxStarter;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import app.comfydesk.ui.workflow.WorkflowStudio;
import app.comfydesk.workflow.WorkflowFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: the one place where the object graph is wired (constructor injection, no singletons).
 * Settings are read in {@link #init()} (launcher thread); the window shows first, then the job store, the engine
 * and — for a newcomer — the built-in sandbox start in the background and fill it in.
 */
public final class ComfyDeskApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ComfyDeskApp.class);

    private AppDirectories directories;
    private ErrorMessages errors;
    private BackgroundExecutor executor;
    private SettingsService settings;
    private volatile JobEngine engine;
    private volatile JobStore store;
    private volatile SandboxStarter.Running sandbox;
    private WindowStateStore layout;
    private final QuitConfirmation.JobTracker unfinishedJobs =
            new QuitConfirmation.JobTracker(job -> Profile.SANDBOX_ID.equals(job.target().profileId()));

    /** How layers' exceptions read to the user; registered once here. */
    public static ErrorMessages errorMessages() {
        return new ErrorMessages()
                .register(WorkflowFormatException.class, Throwable::getMessage)
                .register(ApiException.class, ApiException::userMessage)
                .register(JobStoreException.class, e -> "The job history could not be used: " + e.getMessage());
    }

    @Override
    public void init() {
        directories = AppDirectories.detect().ensureCreated();
        errors = errorMessages();
        executor = new ThreadPoolBackgroundExecutor(errors);
        settings = new SettingsService(new SettingsStore(directories.config()), KeyringSecretStore
                .preferredInBackground(new FileSecretStore(directories.config()), Duration.ofSeconds(3)), executor);
        layout = WindowStateStore.load(directories.config().resolve("window-state.properties"),
                work -> executor.run(work::run));
    }

    @Override
    public void start(Stage stage) {
        ThemeManager themes = new ThemeManager(Theme.parse(settings.current().theme()),
                theme -> settings.update(s -> s.withTheme(theme.name().toLowerCase(Locale.ROOT))));
        // The first frame is the window's bare shell: building the studio, and its first CSS pass, take longer than
        // starting JavaFX itself, so the window appears first and the studio fills it in on the next pulses.
        MainWindow window = new MainWindow();
        Scene scene = new Scene(window.root(), 1440, 900);
        themes.register(scene);
        stage.setTitle("ComfyDesk");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        WindowIcons.addTo(stage);
        layout.restoreAndTrack(stage);
        layout.track("main", window.mainSplit());
        layout.track("right", window.rightSplit());
        QuitConfirmation.install(stage, unfinishedJobs::running);
        StartupProbe.attachIfRequested(stage, getParameters().getRaw());
        window.setStatusMessage("Starting…");
        stage.show();
        FirstFrame.then(stage, () -> fillIn(stage, scene, window, themes));
    }

    private void fillIn(Stage stage, Scene scene, MainWindow window, ThemeManager themes) {
        StudioWindow studioWindow = new StudioWindow(window, settings, executor, directories.config(), themes,
                new ApiConnectionTester());
        studioWindow.install(scene);
        ProfilesViewModel profiles = studioWindow.profiles();
        WorkflowStudio studio = studioWindow.studio();
        studioWindow.setOnUseSandbox(() -> useSandbox(window, profiles, studio, true, null));
        window.appMenu().getItems().addAll(new SeparatorMenuItem(), new HelpMenu(() -> stage,
                () -> JobMonitorFeature.shortcuts(window.appMenu()), LogFolder.current(), this::diagnosticSettings,
                getHostServices()::showDocument).build());
        studioWindow.moveQuitToEnd();
        if (settings.loadWarning() != null) {
            window.messageBar().show(MessageBar.Kind.WARNING, "Settings reset", settings.loadWarning());
        }

        // Everything below may touch disk or network: in the background.
        // Decide where secrets live now, in the background, so no dialog waits for the probe later.
        executor.run(() -> settings.secretStore().description());
        executor.submit(this::startEngine)
                .onSuccess(started -> {
                    studioWindow.attachEngine(started, directories.data().resolve("thumbnails"));
                    started.addListener(unfinishedJobs);
                    // Jobs of a deleted profile (or of the command line) have no token here: leave them be.
                    started.start(job -> Profile.SANDBOX_ID.equals(job.target().profileId())
                            || settings.current().profile(job.target().profileId()).isPresent());
                    window.setStatusMessage("Ready");
                })
                .onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Jobs cannot run",
                        error.message()));
        boolean newcomer = profiles.hasNoConfiguredProfile();
        boolean sandboxChosen = Profile.SANDBOX_ID.equals(profiles.rememberedActiveId());
        String last = settings.current().lastWorkflow();
        // The last workflow is a file, or one of the built-in samples (stored as a marker, not a path).
        WorkflowStudio.Sample lastSample = WorkflowStudio.Sample.fromMarker(last).orElse(null);
        // Even a stat may block on a network drive: ask off the FX thread.
        executor.submit(() -> lastSample == null && last != null && Files.isRegularFile(Path.of(last)))
                .onSuccess(hasLast -> {
                    WorkflowStudio.Sample sample = hasLast ? null
                            : lastSample != null ? lastSample : WorkflowStudio.Sample.TEXT_TO_IMAGE;
                    if (newcomer || sandboxChosen) {
                        useSandbox(window, profiles, studio, newcomer, sample);
                    } else if (lastSample != null) {
                        studio.loadSample(lastSample);
                    }
                    if (hasLast) {
                        studio.open(Path.of(last));
                    }
                });
    }

    /** What "Copy diagnostics" shows of the settings: no tokens or keys live in AppSettings anyway. */
    private Map<String, ?> diagnosticSettings() {
        AppSettings current = settings.current();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("profiles", current.profiles().size());
        shown.put("active profile", current.profile(current.activeProfileId())
                .map(p -> String.join(" · ", p.name(), p.baseUrl(), p.apiVersion(), p.deploymentId(),
                        p.webhookUrl() == null ? "no webhook" : "webhook set"))
                .orElse(String.valueOf(current.activeProfileId())));
        shown.put("theme", current.theme());
        return shown;
    }

    private JobEngine startEngine() {
        store = JobStore.open(directories.databaseFile());
        engine = new JobEngine(store, ProfileClients.factory(settings), EngineSettings.defaults(directories.outputs()));
        return engine;
    }

    private void useSandbox(MainWindow window, ProfilesViewModel profiles, WorkflowStudio studio, boolean select,
            WorkflowStudio.Sample sample) {
        if (sandbox != null) {
            profiles.select(profiles.sandboxProfile().orElse(sandbox.profile()));
            if (sample != null) {
                studio.loadSample(sample);
            }
            return;
        }
        SandboxStarter starter = new SandboxStarter(directories.data().resolve("sandbox"));
        executor.submit(starter::start)
                .onSuccess(running -> {
                    sandbox = running;
                    profiles.addSandbox(running.profile(), running.server().token(), select);
                    if (sample != null) {
                        studio.loadSample(sample);
                    }
                })
                .onError(error -> window.messageBar().show(MessageBar.Kind.ERROR,
                        "The built-in sandbox could not start", error.message()));
    }

    @Override
    public void stop() {
        try {
            if (engine != null) {
                engine.close();
            }
            if (store != null) {
                store.close();
            }
            if (sandbox != null) {
                sandbox.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down", e);
        } finally {
            executor.close();
        }
    }
}
