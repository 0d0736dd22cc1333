package app.comfydesk.ui;

import app.comfydesk.api.ApiException;
import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobStoreException;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.jobs.JobMonitorFeature;
import app.comfydesk.ui.settings.ApiConnectionTester;
import app.comfydesk.ui.settings.FileSecretStore;
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
import java.util.Locale;
import javafx.application.Application;
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
        settings = new SettingsService(new SettingsStore(directories.config()),
                new FileSecretStore(directories.config()), executor);
    }

    @Override
    public void start(Stage stage) {
        ThemeManager themes = new ThemeManager(Theme.parse(settings.current().theme()),
                theme -> settings.update(s -> s.withTheme(theme.name().toLowerCase(Locale.ROOT))));
        StudioWindow studioWindow = new StudioWindow(settings, executor, directories.config(), themes,
                new ApiConnectionTester());
        MainWindow window = studioWindow.window();
        ProfilesViewModel profiles = studioWindow.profiles();
        WorkflowStudio studio = studioWindow.studio();
        studioWindow.setOnUseSandbox(() -> useSandbox(window, profiles, studio, true, false));
        stage.setTitle("ComfyDesk");
        stage.setScene(studioWindow.createScene(1440, 900));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        if (settings.loadWarning() != null) {
            window.messageBar().show(MessageBar.Kind.WARNING, "Settings reset", settings.loadWarning());
        }

        // Everything below may touch disk or network: after the first frame, in the background.
        window.setStatusMessage("Starting…");
        executor.submit(this::startEngine)
                .onSuccess(started -> {
                    studioWindow.attachEngine(started);
                    new JobMonitorFeature(started, executor, directories.data().resolve("thumbnails"),
                            () -> profiles.getActive() == null ? null : profiles.getActive().baseUrl(),
                            (profileId, request) -> profiles.profiles().stream().filter(p -> p.id().equals(profileId))
                                    .findFirst().flatMap(profiles::comfyOrgKey).map(request::withComfyOrgApiKey)
                                    .orElse(request)).install(window).loadEditsWith(studio::loadEdits);
                    started.start();
                    window.setStatusMessage("Ready");
                })
                .onError(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Jobs cannot run",
                        error.message()));
        boolean newcomer = profiles.hasNoConfiguredProfile();
        boolean sandboxChosen = Profile.SANDBOX_ID.equals(profiles.rememberedActiveId());
        String last = settings.current().lastWorkflow();
        boolean hasLast = last != null && Files.isRegularFile(Path.of(last));
        if (newcomer || sandboxChosen) {
            useSandbox(window, profiles, studio, newcomer, !hasLast);
        }
        if (hasLast) {
            studio.open(Path.of(last));
        }
    }

    private JobEngine startEngine() {
        store = JobStore.open(directories.databaseFile());
        engine = new JobEngine(store, ProfileClients.factory(settings), EngineSettings.defaults(directories.outputs()));
        return engine;
    }

    private void useSandbox(MainWindow window, ProfilesViewModel profiles, WorkflowStudio studio, boolean select,
            boolean loadSample) {
        if (sandbox != null) {
            profiles.select(sandbox.profile());
            if (loadSample) {
                studio.loadSample();
            }
            return;
        }
        SandboxStarter starter = new SandboxStarter(directories.data().resolve("sandbox"));
        executor.submit(starter::start)
                .onSuccess(running -> {
                    sandbox = running;
                    profiles.addSandbox(running.profile(), running.server().token(), select);
                    if (loadSample) {
                        studio.loadSample();
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
