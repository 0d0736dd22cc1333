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
import app.comfydesk.ui.common.FirstWindowBounds;
import app.comfydesk.ui.common.FxThread;
import app.comfydesk.ui.common.HelpMenu;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.QuitConfirmation;
import app.comfydesk.ui.common.StartOnce;
import app.comfydesk.ui.common.StartupProbe;
import app.comfydesk.ui.common.StartupSkeleton;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.common.WhenShown;
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
import app.comfydesk.ui.settings.ThemeSetting;
import app.comfydesk.ui.workflow.SandboxSample;
import app.comfydesk.ui.workflow.WorkflowStudio;
import app.comfydesk.workflow.WorkflowFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Scene;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application: the one place where the object graph is wired (constructor injection, no singletons).
 * What the window needs is read on a second thread while the toolkit starts ({@link GuiMain}); the window shows first
 * as an outline, then the studio is built and the job store, the engine and — for a newcomer — the built-in sandbox
 * start in the background and fill it in.
 */
public final class ComfyDeskApp extends Application {

    private AppDirectories directories;
    private ErrorMessages errors;
    private BackgroundExecutor executor;
    private SettingsService settings;
    private volatile JobEngine engine;
    private volatile JobStore store;
    private volatile StartOnce<SandboxStarter.Running> sandbox;
    private WindowStateStore layout;
    /** Set on the FX thread once the studio is built; the sandbox's start tells it where its input files are. */
    private StudioWindow studioWindow;
    private StartupPreparation<FirstFrameNeeds, Services> preparation;
    /** What the quit question adds about kept form edits; the studio fills it in once it exists. */
    private final java.util.concurrent.atomic.AtomicReference<java.util.function.Supplier<String>> quitNote =
            new java.util.concurrent.atomic.AtomicReference<>(() -> null);

    /** How layers' exceptions read to the user; registered once here. */
    public static ErrorMessages errorMessages() {
        return new ErrorMessages()
                .register(WorkflowFormatException.class, Throwable::getMessage)
                .register(ApiException.class, ApiException::userMessage)
                .register(JobStoreException.class, e -> "The job history could not be used: " + e.getMessage(), false);
    }

    /**
     * What the first frame needs: the folders, the theme and the remembered window layout. Cheap to read (a
     * properties file and one field of the settings), and read without logging or Jackson's object mapping.
     */
    record FirstFrameNeeds(AppDirectories directories, String theme, WindowStateStore layout) {
    }

    /** What filling the window in needs; reading the settings (and secrets) binds JSON and starts logging. */
    record Services(ErrorMessages errors, BackgroundExecutor executor, SettingsService settings) {
    }

    /** Starts the start-up reads on a second thread; {@link GuiMain} calls this before the toolkit starts. */
    static StartupPreparation<FirstFrameNeeds, Services> prepareInBackground() {
        return StartupPreparation.inBackground(ComfyDeskApp::readFirstFrameNeeds, ComfyDeskApp::startServices);
    }

    private static FirstFrameNeeds readFirstFrameNeeds() {
        AppDirectories directories = AppDirectories.detect().ensureCreated();
        WindowStateStore layout = WindowStateStore.load(directories.config().resolve("window-state.properties"));
        return new FirstFrameNeeds(directories, ThemeSetting.read(directories.config()).orElse("light"), layout);
    }

    private static Services startServices(FirstFrameNeeds needs) {
        ErrorMessages errors = errorMessages();
        BackgroundExecutor executor = new ThreadPoolBackgroundExecutor(errors);
        Path config = needs.directories().config();
        SettingsService settings = new SettingsService(new SettingsStore(config),
                KeyringSecretStore.preferredInBackground(new FileSecretStore(config), Duration.ofSeconds(3)), executor);
        return new Services(errors, executor, settings);
    }

    @Override
    public void init() {
        preparation = GuiMain.takePreparation().orElseGet(() ->
                StartupPreparation.now(ComfyDeskApp::readFirstFrameNeeds, ComfyDeskApp::startServices));
    }

    @Override
    public void start(Stage stage) {
        FirstFrameNeeds needs;
        try {
            needs = preparation.firstFrame().join();
        } catch (CompletionException e) {
            StartupFailure.show(e.getCause());
            return;
        }
        directories = needs.directories();
        layout = needs.layout();
        // The theme can only change once the window is filled in, and then the settings are there to remember it.
        ThemeManager themes = new ThemeManager(Theme.parse(needs.theme()),
                theme -> settings.update(s -> s.withTheme(theme.name().toLowerCase(Locale.ROOT))));
        // The first frame is an outline of the window (StartupSkeleton): building the real shell and the studio, and
        // their first CSS pass, take longer than starting JavaFX itself, so they replace the outline once it is up.
        Scene scene = new Scene(StartupSkeleton.create(
                layout.dividerPosition("main", 0, MainWindow.DEFAULT_FORM_FRACTION),
                layout.dividerPosition("right", 0, MainWindow.DEFAULT_JOBS_FRACTION)));
        stage.setTitle("ComfyDesk");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        FirstWindowBounds.forScreen(Screen.getPrimary().getVisualBounds()).applyTo(stage);
        layout.restoreAndTrack(stage);
        QuitConfirmation.install(stage, this::unfinishedJobs, () -> quitNote.get().get());
        StartupProbe.attachIfRequested(stage, getParameters().getRaw());
        stage.show();
        FirstFrame.then(stage, () -> {
            // The services are read on the preparation thread (since before the toolkit started) while this thread
            // builds the window's shell.
            // Decoded in the background; after the first frame so that it does not compete with it.
            WindowIcons.addTo(stage);
            MainWindow window = new MainWindow();
            window.placeholdersShownProperty().set(false);
            scene.setRoot(window.root());
            themes.register(scene);
            layout.track("main", window.mainSplit());
            layout.track("right", window.rightSplit());
            window.setStatusMessage("Starting…");
            preparation.services().whenComplete((services, failure) -> FxThread.later(() -> {
                if (failure != null) {
                    stage.hide();
                    StartupFailure.show(failure);
                    return;
                }
                StartupProbe.mark("services");
                errors = services.errors();
                executor = services.executor();
                settings = services.settings();
                fillIn(stage, scene, window, themes);
                StartupProbe.mark("studio-built");
                StartupProbe.milestone(stage, "studio");
            }));
        });
    }

    private void fillIn(Stage stage, Scene scene, MainWindow window, ThemeManager themes) {
        studioWindow = new StudioWindow(window, settings, executor, directories.config(), themes,
                new ApiConnectionTester());
        studioWindow.install(scene);
        ProfilesViewModel profiles = studioWindow.profiles();
        WorkflowStudio studio = studioWindow.studio();
        quitNote.set(studio::sessionNote);
        studioWindow.form().documentProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable document) {
                document.removeListener(this);
                StartupProbe.mark("form-built");
                window.placeholdersShownProperty().set(true);
                StartupProbe.milestone(stage, "workflow");
            }
        });
        // "No workflow" and friends stay hidden while the last workflow loads; at the latest they show after a
        // moment (a load that fails says so in the message bar).
        PauseTransition placeholderFallback = new PauseTransition(javafx.util.Duration.seconds(2));
        placeholderFallback.setOnFinished(event -> window.placeholdersShownProperty().set(true));
        placeholderFallback.play();
        SandboxStarter starter = new SandboxStarter(directories.data().resolve("sandbox"));
        sandbox = new StartOnce<>(executor, starter::start);
        studioWindow.setOnUseSandbox(() -> useSandbox(window, profiles, studio, true, null));
        window.appMenu().getItems().addAll(new SeparatorMenuItem(), new HelpMenu(() -> stage,
                () -> JobMonitorFeature.shortcuts(window.appMenu()), LogFolder.current(), this::diagnosticSettings,
                getHostServices()::showDocument).build());
        studioWindow.balance().openUriProperty().set(getHostServices()::showDocument);
        studioWindow.moveQuitToEnd();
        if (settings.loadWarning() != null) {
            window.messageBar().show(MessageBar.Kind.WARNING, "Settings reset", settings.loadWarning());
        }

        boolean newcomer = profiles.hasNoConfiguredProfile();
        boolean sandboxChosen = Profile.SANDBOX_ID.equals(profiles.rememberedActiveId());
        // Start-up order (docs/BENCHMARKS.md, "Start-up: workflow shown"): the last workflow first, then the engine,
        // the secret store's probe and the sandbox. Queued together on the two workers they kept the workflow's
        // parse waiting behind the job store's native library and Jetty's start; run beside the form's build they
        // took its CPU. The form needs none of them, only Generate does.
        // "Shown" means drawn: the form's first CSS pass and layout (the longest pulse of the start, ~0.5-1.5 s on
        // two cores) ran beside the engine's start and Jetty's when they began as soon as the form existed.
        loadLastWorkflow(window, studio, newcomer || sandboxChosen);
        WhenShown.once(window.placeholdersShownProperty(), () -> FirstFrame.then(stage,
                () -> startServicesAfterWorkflow(window, profiles, studio, newcomer, newcomer || sandboxChosen)));
    }

    /** Loads the last workflow: a built-in sample at once, a file once a stat (off the FX thread) finds it. */
    private void loadLastWorkflow(MainWindow window, WorkflowStudio studio, boolean sandboxStart) {
        String last = settings.current().lastWorkflow();
        // The last workflow is a file, or one of the built-in samples (stored as a marker, not a path).
        SandboxSample lastSample = SandboxSample.fromMarker(last).orElse(null);
        StartupProbe.mark("workflow-load");
        if (studioWindow.deployments().reopen(last)) {
            // A deployment's stored workflow: opened again once its account is active and listed (the sandbox
            // starts with the services, right after this).
            window.placeholdersShownProperty().set(true);
            return;
        }
        if (lastSample != null || last == null) {
            if (lastSample != null || sandboxStart) {
                studio.loadSample(lastSample != null ? lastSample : SandboxSample.TEXT_TO_IMAGE);
            } else {
                window.placeholdersShownProperty().set(true);
            }
            return;
        }
        // Even a stat may block on a network drive: ask off the FX thread.
        executor.submit(() -> Files.isRegularFile(Path.of(last)))
                .onSuccess(hasLast -> {
                    if (hasLast) {
                        studio.open(Path.of(last));
                    } else if (sandboxStart) {
                        studio.loadSample(SandboxSample.TEXT_TO_IMAGE);
                    } else {
                        window.placeholdersShownProperty().set(true);
                    }
                });
    }

    /** What may touch disk or network, in the background, once the workflow is shown (or the start gave up on it). */
    private void startServicesAfterWorkflow(MainWindow window, ProfilesViewModel profiles, WorkflowStudio studio,
            boolean newcomer, boolean sandboxStart) {
        StartupProbe.mark("services-start");
        // Decide where secrets live now, in the background, so no dialog waits for the probe later.
        executor.run(() -> settings.secretStore().description());
        executor.submit(this::startEngine)
                .onSuccess(started -> {
                    studioWindow.attachEngine(started, directories.data().resolve("thumbnails"));
                    // Jobs of a deleted profile (or of the command line) have no token here: leave them be.
                    started.start(job -> Profile.SANDBOX_ID.equals(job.target().profileId())
                            || settings.current().profile(job.target().profileId()).isPresent());
                    window.setStatusMessage("Ready");
                })
                .onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Jobs cannot run",
                        error.message()));
        if (sandboxStart) {
            useSandbox(window, profiles, studio, newcomer, null);
        }
    }

    /**
     * The quit warning's count: the engine's one snapshot of unfinished jobs (resumed ones included), the same the
     * job monitor's status bar counts.
     */
    private QuitConfirmation.RunningJobs unfinishedJobs() {
        JobEngine running = engine;
        return running == null ? QuitConfirmation.RunningJobs.NONE : QuitConfirmation.RunningJobs.of(
                running.unfinished().jobs(), job -> Profile.SANDBOX_ID.equals(job.target().profileId()));
    }

    /** What "Copy diagnostics" shows of the settings: no tokens or keys live in AppSettings anyway. */
    private Map<String, ?> diagnosticSettings() {
        AppSettings current = settings.current();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("accounts", current.accounts().size());
        shown.put("deployments known", current.accounts().stream().mapToInt(a -> a.deploymentIds().size()).sum());
        shown.put("active account", current.profile(current.activeProfileId())
                .map(p -> String.join(" · ", p.name(), p.baseUrl(), p.apiVersion(), p.deploymentId(),
                        p.webhookUrl() == null ? "no webhook" : "webhook set"))
                .orElse(String.valueOf(current.activeProfileId())));
        shown.put("theme", current.theme());
        return shown;
    }

    private JobEngine startEngine() {
        store = JobStore.open(directories.databaseFile());
        engine = new JobEngine(store, ProfileClients.factory(settings), EngineSettings.defaults(directories.outputs()));
        StartupProbe.mark("engine");
        return engine;
    }

    private void useSandbox(MainWindow window, ProfilesViewModel profiles, WorkflowStudio studio, boolean select,
            SandboxSample sample) {
        // A newcomer's start and a menu click while it boots share one start: one server, closed on quit.
        sandbox.start()
                .onSuccess(running -> {
                    StartupProbe.mark("sandbox");
                    studioWindow.setSandboxInputFolder(running.server().inputFolder());
                    if (profiles.sandboxProfile().isPresent()) {
                        if (select) {
                            profiles.select(profiles.sandboxProfile().get());
                        }
                    } else {
                        profiles.addSandbox(running.profile(), running.server().token(), select);
                    }
                    if (sample != null) {
                        studio.loadSample(sample);
                    }
                })
                .onError(error -> window.messageBar().show(MessageBar.Kind.ERROR,
                        "The built-in sandbox could not start", error.message()));
    }

    /**
     * Called on the FX thread once the window is hidden. Closing the engine can take seconds (a download letting
     * go), so everything is closed in the background and the process exits when that is done or its bound passed.
     */
    @Override
    public void stop() {
        List<BackgroundShutdown.Step> steps = new ArrayList<>();
        JobEngine runningEngine = engine;
        if (runningEngine != null) {
            steps.add(new BackgroundShutdown.Step("job engine", runningEngine));
        }
        if (store != null) {
            steps.add(new BackgroundShutdown.Step("job store", store));
        }
        if (sandbox != null) {
            steps.add(new BackgroundShutdown.Step("built-in sandbox", sandbox));
        }
        if (executor != null) {
            steps.add(new BackgroundShutdown.Step("background executor", executor));
        }
        BackgroundShutdown.forTheApp().begin(steps);
    }
}
