package app.comfydesk.ui;

import app.comfydesk.jobs.JobEngine;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.deployments.ApiDeploymentSource;
import app.comfydesk.ui.deployments.DeploymentsBrowser;
import app.comfydesk.ui.deployments.DeploymentsViewModel;
import app.comfydesk.ui.jobs.JobMonitorFeature;
import app.comfydesk.ui.settings.ConnectionTester;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileSelector;
import app.comfydesk.ui.settings.AccountsDialog;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.workflow.ImageInputs;
import app.comfydesk.ui.workflow.PresetStore;
import app.comfydesk.ui.workflow.SeedReuse;
import app.comfydesk.ui.workflow.SessionEdits;
import app.comfydesk.ui.workflow.PromptExpansion;
import app.comfydesk.ui.workflow.SubmitModel;
import app.comfydesk.ui.workflow.WildcardsMenu;
import app.comfydesk.ui.workflow.WorkflowFormModel;
import app.comfydesk.ui.workflow.WorkflowLoader;
import app.comfydesk.ui.workflow.WorkflowStudio;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window with the studio's features plugged in: profile chip, workflow form, Generate, request preview,
 * theme switch, and once the engine runs, the job monitor and gallery. Built from injected services so tests build
 * exactly what the app shows.
 */
public final class StudioWindow {

    private final MainWindow window;
    private final ProfilesViewModel profiles;
    private final ImageInputs imageInputs = new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES);
    private Path sandboxInputFolder;
    private final WorkflowFormModel form = new WorkflowFormModel();
    private final SubmitModel submit;
    private final app.comfydesk.ui.jobs.BalanceModel balance;
    private final WorkflowStudio studio;
    private final BackgroundExecutor executor;
    private JobMonitorFeature monitor;
    private final Path configFolder;
    private app.comfydesk.ui.sweep.SweepFeature sweeps;
    private app.comfydesk.ui.sweep.SweepWindow sweepWindow;
    private final ProfileSelector profileSelector;
    private final ThemeManager themes;
    private final Button themeToggle = Icons.iconButton(Feather.MOON, "Switch light / dark theme");
    static final KeyCombination QUIT_SHORTCUT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PROFILES_SHORTCUT =
            new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination DEPLOYMENTS_SHORTCUT =
            new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination THEME_SHORTCUT =
            new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private final MenuItem quitItem = new MenuItem("Quit", Icons.of(Feather.POWER, Icons.SMALL));
    private final SeparatorMenuItem quitSeparator = new SeparatorMenuItem();
    private final Runnable openProfiles;
    private final DeploymentsViewModel deployments;
    private DeploymentsBrowser deploymentsBrowser;
    private final MenuItem sandboxItem = new MenuItem("Use the built-in sandbox", Icons.of(Feather.BOX, Icons.SMALL));

    public StudioWindow(SettingsService settings, BackgroundExecutor executor, Path configFolder, ThemeManager themes,
            ConnectionTester tester) {
        this(new MainWindow(), settings, executor, configFolder, themes, tester);
    }

    /** Fills a window that may already be on screen: the app shows the bare shell first, then fills it in. */
    public StudioWindow(MainWindow window, SettingsService settings, BackgroundExecutor executor, Path configFolder,
            ThemeManager themes, ConnectionTester tester) {
        this(window, settings, executor, configFolder, themes, tester,
                new ApiDeploymentSource(configFolder.resolve("object-info")));
    }

    /** With the source of deployments given (tests: one that does not retry a placeholder server). */
    public StudioWindow(MainWindow window, SettingsService settings, BackgroundExecutor executor, Path configFolder,
            ThemeManager themes, ConnectionTester tester, app.comfydesk.ui.deployments.DeploymentSource source) {
        this.window = window;
        this.themes = themes;
        this.executor = executor;
        this.configFolder = configFolder;
        settings.setErrorSink(error -> window.messageBar().show(MessageBar.Kind.ERROR, "Settings", error.message()));
        profiles = new ProfilesViewModel(settings);
        Runnable openProfiles = () -> new AccountsDialog(owner(), profiles, executor, tester).showAndWait();
        Runnable addProfile = () -> {
            AccountsDialog dialog = new AccountsDialog(owner(), profiles, executor, tester);
            dialog.startNewProfile();
            dialog.showAndWait();
        };
        profileSelector = new ProfileSelector(profiles, openProfiles, addProfile);
        window.setProfileControls(profileSelector);
        balance = new app.comfydesk.ui.jobs.BalanceModel(executor);
        submit = new SubmitModel(form, profiles, executor, new app.comfydesk.ui.workflow.DeploymentBaseline(executor));
        submit.setPromptExpansion(PromptExpansion.fromSettings(() -> settings.current().wildcardsFolder(),
                configFolder, executor));
        studio = new WorkflowStudio(window, form, submit, profiles, settings, executor, new WorkflowLoader(),
                new PresetStore(configFolder), imageInputs);
        profiles.activeProperty().addListener((obs, old, now) -> showServerFiles());
        profiles.activeProperty().addListener((obs, old, now) -> followBalance());
        submit.onRunComfyErrorProperty().set(code -> {
            if (code == app.comfydesk.api.RunComfyErrorCode.INSUFFICIENT_FUNDS) {
                balance.noteInsufficientFunds();
            }
        });
        studio.keepSessionEdits(new SessionEdits(configFolder, form, submit, executor));
        deployments = deploymentsFeature(source);
        studio.rememberDeploymentsIn(new app.comfydesk.ui.workflow.FileDeployments(configFolder, executor));

        themeToggle.setId("themeToggle");
        themeToggle.setOnAction(event -> themes.toggle());
        showThemeIcon(themes.getTheme());
        themes.themeProperty().addListener((obs, old, now) -> showThemeIcon(now));
        window.statusItems().getChildren().add(themeToggle);
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(themes.getTheme().isDark());
        dark.selectedProperty().addListener((obs, old, now) -> themes.setTheme(now ? Theme.DARK : Theme.LIGHT));
        themes.themeProperty().addListener((obs, old, now) -> dark.setSelected(now.isDark()));
        dark.setAccelerator(THEME_SHORTCUT);
        MenuItem manage = new MenuItem("Accounts…", Icons.of(Feather.SLIDERS, Icons.SMALL));
        manage.setAccelerator(PROFILES_SHORTCUT);
        manage.setOnAction(event -> openProfiles.run());
        this.openProfiles = openProfiles;
        MenuItem wildcards = WildcardsMenu.item(settings, this::owner);
        quitItem.setId("quitItem");
        quitItem.setAccelerator(QUIT_SHORTCUT);
        quitItem.setOnAction(event -> quit());
        MenuItem browse = new MenuItem("Deployments…", Icons.of(Feather.LAYERS, Icons.SMALL));
        browse.setId("deploymentsItem");
        browse.setAccelerator(DEPLOYMENTS_SHORTCUT);
        browse.setOnAction(event -> openDeployments());
        window.appMenu().getItems().addAll(browse, manage, sandboxItem, wildcards, new SeparatorMenuItem(), dark,
                quitSeparator, quitItem);
    }

    /**
     * The deployments browser: its documents load through the studio; the chip names the chosen deployment. The
     * sandbox's deployments are read as soon as it is the active account, so the first window knows them.
     */
    private DeploymentsViewModel deploymentsFeature(app.comfydesk.ui.deployments.DeploymentSource source) {
        DeploymentsViewModel model = new DeploymentsViewModel(profiles, executor, source, new WorkflowLoader(),
                studio::load, studio.schemasProperty()::get, form.documentProperty());
        // After the studio has shown the document (which clears the message bar), not before.
        model.setNoticeSink(text -> app.comfydesk.ui.common.FxThread.later(() ->
                window.messageBar().show(MessageBar.Kind.WARNING, "Deployment", text)));
        profileSelector.setOnOpenDeployments(this::openDeployments);
        Runnable showName = () -> profileSelector.deploymentNameProperty().set(model.activeDeploymentName());
        model.rows().addListener((javafx.collections.ListChangeListener<Object>) change -> showName.run());
        profiles.activeProperty().addListener((obs, old, now) -> {
            showName.run();
            if (now != null && now.sandbox()) {
                model.refreshIfStale();
            }
        });
        return model;
    }

    /** Opens the deployments browser (toolbar chip, Ctrl+D), reading the list unless it is already shown. */
    public void openDeployments() {
        if (deploymentsBrowser == null) {
            deploymentsBrowser = new DeploymentsBrowser(owner(), deployments);
        }
        if (!deploymentsBrowser.isShowing()) {
            deploymentsBrowser.show();
        }
        deployments.refreshIfStale();
    }

    private void showThemeIcon(Theme theme) {
        ((FontIcon) themeToggle.getGraphic()).setIconCode(theme.isDark() ? Feather.SUN : Feather.MOON);
    }

    private Window owner() {
        return window.root().getScene() == null ? null : window.root().getScene().getWindow();
    }

    public Scene createScene(double width, double height) {
        Scene scene = new Scene(window.root(), width, height);
        themes.register(scene);
        install(scene);
        return scene;
    }

    /** The studio's shortcuts and drop target on the window's scene (one made by {@link #createScene} or not). */
    public void install(Scene scene) {
        studio.install(scene);
        scene.getAccelerators().put(QUIT_SHORTCUT, this::quit);
        scene.getAccelerators().put(PROFILES_SHORTCUT, openProfiles);
        scene.getAccelerators().put(DEPLOYMENTS_SHORTCUT, this::openDeployments);
        scene.getAccelerators().put(THEME_SHORTCUT, themes::toggle);
        var title = studio.windowTitle();
        if (scene.getWindow() instanceof javafx.stage.Stage stage) {
            stage.titleProperty().bind(title);
        }
        scene.windowProperty().addListener((obs, old, now) -> {
            if (now instanceof javafx.stage.Stage stage) {
                stage.titleProperty().bind(title);
            }
        });
    }

    /**
     * Jobs can be submitted from now on; the job monitor and gallery follow the engine's events. A re-run gets the
     * Comfy Org key of its job's profile back, since stored requests never hold it.
     */
    public JobMonitorFeature attachEngine(JobEngine engine, Path thumbnailFolder) {
        attachMonitor(engine, thumbnailFolder);
        new ReachabilityWatch(profiles, monitor.model(), profileSelector, executor).start();
        return monitor;
    }

    private void attachMonitor(JobEngine engine, Path thumbnailFolder) {
        submit.submitterProperty().set(engine::submit);
        monitor = new JobMonitorFeature(engine, executor, thumbnailFolder,
                () -> profiles.getActive() == null ? null : profiles.getActive().baseUrl(),
                (profileId, request) -> profiles.profiles().stream().filter(p -> p.id().equals(profileId))
                        .findFirst().or(() -> profiles.settings().current().profile(profileId)) // merged profiles
                        .flatMap(profiles::comfyOrgKey).map(request::withComfyOrgApiKey)
                        .orElse(request))
                .install(window).loadEditsWith(studio::loadEdits).showBalance(balance)
                .useSeedWith(seed -> SeedReuse.use(form, seed, window::setStatusMessage));
        monitor.model().currentWorkflowVersionProperty().set(deploymentId ->
                submit.baseline().getState() instanceof app.comfydesk.ui.workflow.DeploymentBaseline.Known known
                        && known.deploymentId().equals(deploymentId) ? known.version() : null);
        monitor.model().instanceActionsProperty().set(new app.comfydesk.ui.workflow.LiveInstanceActions(profiles,
                studio, executor));
        followBalance();
        sweeps = new app.comfydesk.ui.sweep.SweepFeature(form, submit, profiles, executor,
                app.comfydesk.ui.sweep.SweepJobs.of(engine), monitor.gallery(), configFolder);
        sweepWindow = new app.comfydesk.ui.sweep.SweepWindow(sweeps, monitor.gallery().thumbnails());
        sweeps.editor().balanceProperty().bind(balance.amountProperty());
        monitor.model().groups().onCancelGroupProperty().set(sweeps::groupCancelled);
        Runnable showSweeps = () -> {
            sweeps.prepare(submit.promptExpansion().wildcards(), deployments.activeQueueSize());
            sweeps.editor().hardwareProperty().set(deployments.activeHardware());
            sweepWindow.show(owner(), themes);
        };
        studio.setOnSweep(showSweeps);
        studio.formView().setOnSweepInput(field -> {
            if (sweeps.sweepInput(field)) {
                showSweeps.run();
            } else {
                window.setStatusMessage(sweeps.messageProperty().get());
            }
        });
    }

    /** The studio's sweeps, once {@link #attachEngine} has run. */
    public app.comfydesk.ui.sweep.SweepFeature sweeps() {
        return sweeps;
    }

    /** The sweep window, once {@link #attachEngine} has run. */
    public app.comfydesk.ui.sweep.SweepWindow sweepWindow() {
        return sweepWindow;
    }

    /**
     * Quit (Ctrl+Q) takes the same path as the window's close button: a close request that the quit confirmation
     * may veto; only when nobody vetoes does the window close.
     */
    public void quit() {
        if (owner() instanceof javafx.stage.Stage stage) {
            requestClose(stage);
        }
    }

    static boolean requestClose(javafx.stage.Stage stage) {
        javafx.stage.WindowEvent request = new javafx.stage.WindowEvent(stage,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
        // The window closes itself when no handler consumed the request, exactly as for the close button.
        stage.fireEvent(request);
        return !stage.isShowing();
    }

    /** Keeps Quit the last entry of the menu after others (Help) were added. */
    public void moveQuitToEnd() {
        window.appMenu().getItems().removeAll(quitSeparator, quitItem);
        window.appMenu().getItems().addAll(quitSeparator, quitItem);
    }

    /**
     * The running sandbox's {@code input/} folder: while the sandbox profile is active, image inputs naming a file
     * there show its thumbnail (a remote server's files cannot be read from here).
     */
    public void setSandboxInputFolder(Path folder) {
        sandboxInputFolder = folder;
        showServerFiles();
    }

    private void showServerFiles() {
        Profile active = profiles.activeProperty().get();
        boolean sandbox = active != null && Profile.SANDBOX_ID.equals(active.id());
        imageInputs.serverInputFolderProperty().set(sandbox ? sandboxInputFolder : null);
    }

    public void setOnUseSandbox(Runnable action) {
        sandboxItem.setOnAction(event -> action.run());
    }

    /** The toolbar's profile chip. */
    public ProfileSelector profileSelector() {
        return profileSelector;
    }

    public MainWindow window() {
        return window;
    }

    public ProfilesViewModel profiles() {
        return profiles;
    }

    public WorkflowFormModel form() {
        return form;
    }

    private void followBalance() {
        Profile active = profiles.getActive();
        if (monitor != null) {
            balance.follow(active == null ? null : active.baseUrl(),
                    active == null ? null : profiles.token(active).orElse(null));
        }
    }

    /** The account's balance in the status bar. */
    public app.comfydesk.ui.jobs.BalanceModel balance() {
        return balance;
    }

    public SubmitModel submit() {
        return submit;
    }

    public WorkflowStudio studio() {
        return studio;
    }

    public DeploymentsViewModel deployments() {
        return deployments;
    }

    /** The browser window once opened, else null. */
    public DeploymentsBrowser deploymentsBrowser() {
        return deploymentsBrowser;
    }

    /** The job monitor, once {@link #attachEngine} has run. */
    public JobMonitorFeature monitor() {
        return monitor;
    }

    public ThemeManager themes() {
        return themes;
    }
}
