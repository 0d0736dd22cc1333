package app.comfydesk.ui.deployments;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.Deployment;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.UserFacingError;
import app.comfydesk.ui.settings.Account;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.workflow.DeploymentOrigin;
import app.comfydesk.ui.workflow.WorkflowDocument;
import app.comfydesk.ui.workflow.WorkflowLoader;
import app.comfydesk.workflow.NodeSchemas;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The deployments browser's state: the active account's deployments (searchable), which one is selected, whether
 * something is loading and what to tell the user. Picking a deployment fetches its stored workflow and its own
 * object_info in the background and hands the finished document to the studio; once the studio shows it, the
 * account is aimed at that deployment. For a server that cannot list deployments (v1), an id is typed and a local
 * file may be bound to it.
 */
public final class DeploymentsViewModel {

    /** How the studio takes a document: its own load path (tickets, the discard question, session edits). */
    @FunctionalInterface
    public interface DocumentOpener {
        void open(Callable<WorkflowDocument> work, String what);
    }

    private final ProfilesViewModel profiles;
    private final BackgroundExecutor executor;
    private final DeploymentSource source;
    private final WorkflowLoader loader;
    private final DocumentOpener opener;
    private final Supplier<NodeSchemas> currentSchemas;
    private final ObservableList<DeploymentRow> rows = FXCollections.observableArrayList();
    /** Each listed deployment's {@code queue_size}, where the server said it (the sweep's in-flight default). */
    private final java.util.Map<String, Integer> queueSizes = new java.util.HashMap<>();
    private final java.util.Map<String, String> hardwares = new java.util.HashMap<>();
    private final FilteredList<DeploymentRow> shown = new FilteredList<>(rows, row -> true);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<DeploymentRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper listable = new ReadOnlyBooleanWrapper(this, "listable", true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyObjectWrapper<DeploymentOrigin> opened = new ReadOnlyObjectWrapper<>(this, "opened");
    private final ReadOnlyStringWrapper activeDeployment = new ReadOnlyStringWrapper(this, "activeDeployment");
    private final StringProperty typedId = new SimpleStringProperty(this, "typedId", "");
    /** Only the newest request (list or open) may change what is shown. */
    private final AtomicLong requests = new AtomicLong();
    private volatile Consumer<String> notices = text -> { };
    /** The account the rows belong to. */
    private String listedAccount;
    /** A deployment to open once its account's list is read (the one open when the app was last closed). */
    private String pendingAccount;
    private String pendingDeployment;

    /** What {@code lastWorkflow} holds for a deployment's document: {@code deployment:<account id>:<deployment id>}. */
    public static final String MARKER_PREFIX = "deployment:";

    public DeploymentsViewModel(ProfilesViewModel profiles, BackgroundExecutor executor, DeploymentSource source,
            WorkflowLoader loader, DocumentOpener opener, Supplier<NodeSchemas> currentSchemas,
            ObservableValue<WorkflowDocument> shownDocument) {
        this.profiles = profiles;
        this.executor = executor;
        this.source = source;
        this.loader = loader;
        this.opener = opener;
        this.currentSchemas = currentSchemas;
        search.addListener((obs, old, now) -> shown.setPredicate(row -> row.matches(now)));
        shownDocument.addListener((obs, old, now) -> documentShown(now));
        profiles.activeProperty().addListener((obs, old, now) -> {
            if (now == null || old == null || !now.id().equals(old.id())) {
                accountChanged();
            } else {
                selectActive();
            }
        });
        accountChanged();
    }

    /** Where notes for the message bar go (the unknown stored workflow of a bound file, a disabled deployment). */
    public void setNoticeSink(Consumer<String> sink) {
        this.notices = Objects.requireNonNull(sink);
    }

    private void accountChanged() {
        requests.incrementAndGet();
        rows.clear();
        queueSizes.clear();
        hardwares.clear();
        listedAccount = null;
        loading.set(false);
        Profile active = profiles.getActive();
        activeDeployment.set(active == null ? null : active.deploymentId());
        boolean canList = profiles.activeAccount().map(Account::listsDeployments).orElse(false);
        listable.set(canList);
        typedId.set(active == null ? "" : active.deploymentId());
        setMessage(active == null ? "No account: add one in Accounts." : canList ? null : v1Note(), false);
    }

    private static String v1Note() {
        return "This account's server only speaks the v1 queue, so its deployments cannot be listed and their "
                + "stored workflows are unknown. Type a deployment id; bind a local workflow file to it and "
                + "overrides are measured against that file.";
    }

    /** Reads the active account's deployments again. */
    public void refresh() {
        Profile active = profiles.getActive();
        if (active == null) {
            setMessage("No account: add one in Accounts.", true);
            return;
        }
        if (!listable.get()) {
            setMessage(v1Note(), false);
            return;
        }
        String token = profiles.token(active).orElse("");
        if (token.isBlank()) {
            setMessage("Account \"" + active.name() + "\" has no API token: add it in Accounts.", true);
            return;
        }
        long request = requests.incrementAndGet();
        loading.set(true);
        setMessage("Reading the deployments of " + active.name() + "…", false);
        executor.submit(() -> source.list(active, token))
                .onSuccess(list -> {
                    if (requests.get() == request) {
                        showList(active, list);
                    }
                })
                .onError(error -> {
                    if (requests.get() == request) {
                        loading.set(false);
                        listFailed(error);
                    }
                });
    }

    /** Lists the deployments unless the active account's are already shown. */
    public void refreshIfStale() {
        Profile active = profiles.getActive();
        if (active != null && (!active.id().equals(listedAccount) || rows.isEmpty()) && !loading.get()) {
            refresh();
        }
    }

    private void showList(Profile account, List<Deployment> list) {
        loading.set(false);
        listedAccount = account.id();
        queueSizes.clear();
        list.stream().filter(d -> d.id() != null && d.queueSize() != null && d.queueSize() > 0)
                .forEach(d -> queueSizes.put(d.id(), d.queueSize()));
        hardwares.clear();
        list.stream().filter(d -> d.id() != null && d.hardware() != null && !d.hardware().isBlank())
                .forEach(d -> hardwares.put(d.id(), d.hardware()));
        rows.setAll(list.stream().filter(d -> d.id() != null).map(DeploymentRow::of).toList());
        long disabled = rows.stream().filter(r -> !r.usable()).count();
        setMessage(rows.isEmpty() ? "Account \"" + account.name() + "\" has no deployments yet: create one on "
                + "RunComfy, then refresh." : rows.size() + " deployment(s)" + (disabled == 0 ? ""
                : ", " + disabled + " disabled") + ".", false);
        selectActive();
        if (account.id().equals(pendingAccount)) {
            String id = pendingDeployment;
            pendingAccount = null;
            pendingDeployment = null;
            rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(this::open);
        }
    }

    /**
     * Opens again the deployment a restart found in {@code lastWorkflow} ({@link #MARKER_PREFIX}), as soon as its
     * account is active and listed.
     *
     * @return false when the marker is not a deployment's
     */
    public boolean reopen(String marker) {
        if (marker == null || !marker.startsWith(MARKER_PREFIX)) {
            return false;
        }
        String rest = marker.substring(MARKER_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            return false;
        }
        pendingAccount = rest.substring(0, colon);
        pendingDeployment = rest.substring(colon + 1);
        Profile active = profiles.getActive();
        if (active != null && active.id().equals(pendingAccount) && listable.get()) {
            refresh();
        }
        return true;
    }

    private void selectActive() {
        Profile active = profiles.getActive();
        String id = active == null ? null : active.deploymentId();
        activeDeployment.set(id);
        rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(selected::set);
        if (active != null) {
            typedId.set(active.deploymentId());
        }
    }

    private void listFailed(UserFacingError error) {
        if (error.cause() instanceof ApiException api && api.httpStatus() == 404 && api.runComfyCode().isEmpty()) {
            listable.set(false);
            setMessage("The server does not list deployments (" + api.userMessage() + "). " + v1Note(), true);
            return;
        }
        setMessage("The deployments could not be read: " + error.message(), true);
    }

    /** Loads the selected deployment's stored workflow into the studio. */
    public void openSelected() {
        DeploymentRow row = selected.get();
        if (row == null) {
            setMessage("Pick a deployment first.", true);
            return;
        }
        open(row);
    }

    /**
     * Fetches the deployment with its payload and its object_info (off the FX thread), describes the stored
     * workflow with those schemas and its default overrides as starting values, and hands it to the studio.
     */
    public void open(DeploymentRow row) {
        Profile active = profiles.getActive();
        if (active == null) {
            return;
        }
        String token = profiles.token(active).orElse("");
        long request = requests.incrementAndGet();
        loading.set(true);
        setMessage("Loading the stored workflow of " + row.name() + "…", false);
        executor.submit(() -> {
            Deployment deployment = source.get(active, token, row.id());
            NodeSchemas schemas = NodeSchemas.parse(source.objectInfo(active, token, deployment),
                    "the object_info of deployment " + row.id());
            return loader.loadDeployment(active.id(), deployment, schemas);
        }).onSuccess(document -> {
            if (requests.get() != request) {
                return;
            }
            loading.set(false);
            setMessage("Opening " + document.displayName() + "…", false);
            opener.open(() -> document, document.displayName());
        }).onError(error -> {
            if (requests.get() == request) {
                loading.set(false);
                setMessage(openFailure(row, error), true);
            }
        });
    }

    /** The user's words for a failed open: RunComfy's codes say what happened to the deployment. */
    static String openFailure(DeploymentRow row, UserFacingError error) {
        if (error.cause() instanceof ApiException api && api.runComfyCode().isPresent()) {
            return switch (api.runComfyCode().get()) {
                case DEPLOYMENT_DISABLED, DEPLOYMENT_DELETED, NOT_FOUND, FORBIDDEN ->
                        "Deployment " + row.name() + " (" + row.id() + ") cannot be opened: " + api.userMessage();
                default -> "Could not open deployment " + row.name() + ": " + api.userMessage();
            };
        }
        return "Could not open deployment " + row.name() + ": " + error.message();
    }

    /** For a v1 server: aims the account at the typed deployment id (kept among its known deployments). */
    public void useTypedId() {
        String id = typedId.get() == null ? "" : typedId.get().strip();
        if (id.isEmpty()) {
            setMessage("Type the deployment id (from the RunComfy deployment page).", true);
            return;
        }
        profiles.selectDeployment(id);
        setMessage("Jobs go to deployment " + id + ". Its stored workflow is unknown: bind a local file to "
                + "measure overrides against it.", false);
    }

    /** For a v1 server: binds a local workflow file to the typed deployment id and opens it. */
    public void bindFile(Path file) {
        String id = typedId.get() == null ? "" : typedId.get().strip();
        Profile active = profiles.getActive();
        if (id.isEmpty() || active == null) {
            setMessage("Type the deployment id first, then bind a file to it.", true);
            return;
        }
        profiles.selectDeployment(id);
        profiles.bindFile(id, file.toAbsolutePath().toString());
        NodeSchemas schemas = currentSchemas.get();
        String accountId = active.id();
        opener.open(() -> loader.loadBound(file, accountId, id, schemas), file.getFileName().toString());
    }

    /** The file bound to the typed deployment id of the active account, if any. */
    public java.util.Optional<Path> boundFile() {
        String id = typedId.get();
        return profiles.account(profiles.getActive()).map(a -> a.boundFiles().get(id)).map(Path::of);
    }

    /** A document of a deployment of the active account is on screen: jobs go to that deployment from now on. */
    private void documentShown(WorkflowDocument document) {
        DeploymentOrigin origin = document == null ? null : document.deployment();
        Profile active = profiles.getActive();
        if (origin == null || active == null || !active.id().equals(origin.accountId())) {
            return;
        }
        profiles.selectDeployment(origin.deploymentId());
        if (origin.storedWorkflowKnown()) {
            String marker = MARKER_PREFIX + origin.accountId() + ":" + origin.deploymentId();
            profiles.settings().update(s -> s.withLastWorkflow(marker));
        }
        opened.set(null); // the same deployment opened again is news too
        opened.set(origin);
        String file = document.source() == null ? null : document.source().getFileName().toString();
        setMessage(document.displayName() + " is open. " + origin.baselineNote(file), false);
        if (!origin.storedWorkflowKnown()) {
            notices.accept(origin.baselineNote(file));
        } else {
            rows.stream().filter(r -> r.id().equals(origin.deploymentId()) && !r.usable()).findFirst()
                    .ifPresent(r -> notices.accept("Deployment " + r.name() + " is disabled: " + r.disabledReason()));
        }
    }

    private void setMessage(String text, boolean failure) {
        message.set(text);
        failed.set(failure);
    }

    public FilteredList<DeploymentRow> shownRows() {
        return shown;
    }

    public ObservableList<DeploymentRow> rows() {
        return rows;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<DeploymentRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** False for servers that only speak the v1 queue: the id is typed instead. */
    public ReadOnlyBooleanProperty listableProperty() {
        return listable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} tells of a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The deployment whose document the studio showed last (the browser closes when it changes). */
    public ReadOnlyObjectProperty<DeploymentOrigin> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    /** The deployment id jobs of the active account go to now. */
    public ReadOnlyStringProperty activeDeploymentProperty() {
        return activeDeployment.getReadOnlyProperty();
    }

    public StringProperty typedIdProperty() {
        return typedId;
    }

    /** The name of the active deployment when listed, else null (the chip shows it). */
    public String activeDeploymentName() {
        Profile active = profiles.getActive();
        return active == null ? null : rows.stream().filter(r -> r.id().equals(active.deploymentId()))
                .map(DeploymentRow::name).findFirst().orElse(null);
    }

    /** The active deployment's {@code queue_size} when the listed deployments say it, else empty. */
    public java.util.OptionalInt activeQueueSize() {
        Profile active = profiles.getActive();
        Integer size = active == null ? null : queueSizes.get(active.deploymentId());
        return size == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(size);
    }

    /** The active deployment's GPU SKU as last listed (e.g. AMPERE_24), or null when not listed or not sent. */
    public String activeHardware() {
        Profile active = profiles.getActive();
        return active == null ? null : hardwares.get(active.deploymentId());
    }
}
