package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.Deployment;
import app.comfydesk.api.DeploymentPayload;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyErrorCode;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.workflow.OverridesBaseline;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What Overrides are measured against: the active deployment's stored workflow with its default overrides, fetched
 * in the background whenever the profile or its deployment changes (never on the FX thread), cached per deployment
 * and workflow version. When the server cannot say (a v1-only server, no payload, an error) the state says so in
 * words and overrides are measured against the open file, as before.
 */
public final class DeploymentBaseline {

    /** How long one fetch of the stored workflow may take before the state says it is unknown. */
    public static final int FETCH_TIMEOUT_SECONDS = 30;

    /** Where the baseline stands, in words for the window ({@link #describe()}). */
    public sealed interface State {
        String describe();
    }

    /** No profile, or one without a deployment id. */
    public record None() implements State {
        @Override
        public String describe() {
            return "no deployment chosen";
        }
    }

    public record Loading(String deploymentId) implements State {
        @Override
        public String describe() {
            return "reading the stored workflow of deployment " + deploymentId + "…";
        }
    }

    /** The server does not tell (or could not be asked) what the deployment stores: measured against the file. */
    public record Unknown(String deploymentId, String reason, RunComfyErrorCode code) implements State {
        @Override
        public String describe() {
            return "stored workflow of " + deploymentId + " unknown (" + reason + "): measured against the file";
        }
    }

    /** The stored workflow is known; {@code version} may be null when the server gives none. */
    public record Known(String baseUrl, String deploymentId, String name, String version, Boolean enabled,
                        OverridesBaseline baseline) implements State {
        @Override
        public String describe() {
            return "measuring against deployment " + label() + (Boolean.FALSE.equals(enabled)
                    ? " (disabled on the server)" : "");
        }

        /** "sample-txt2img v3", or the id alone without a version. */
        public String label() {
            return deploymentId + (version == null ? "" : " " + versionLabel(version));
        }
    }

    /** "v3" for RunComfy's numbered versions; any other version text (a hash) as it is. */
    public static String versionLabel(String version) {
        return !version.isEmpty() && Character.isDigit(version.charAt(0)) ? "v" + version : version;
    }

    /** Reads one deployment (with or without its payload) from the profile's server; runs on a worker thread. */
    @FunctionalInterface
    public interface Fetcher {
        Deployment fetch(Profile profile, String token, boolean withPayload) throws Exception;
    }

    private final BackgroundExecutor executor;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", new None());
    private final Map<String, Known> cache = new ConcurrentHashMap<>();
    private Fetcher fetcher = DeploymentBaseline::overHttp;
    private long generation;
    private Profile followed;
    private String followedToken;

    public DeploymentBaseline(BackgroundExecutor executor) {
        this.executor = executor;
    }

    /** Tests keep the studio on loopback: a fetcher that refuses other hosts (call before any profile is active). */
    public void setFetcher(Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    /** Follows the active profile (FX thread); a profile with the same server and deployment is not fetched again. */
    public void follow(Profile profile, String token) {
        if (profile != null && followed != null && profile.baseUrl().equals(followed.baseUrl())
                && profile.deploymentId().equals(followed.deploymentId()) && Objects.equals(token, followedToken)
                && !(state.get() instanceof Unknown)) {
            return;
        }
        followed = profile;
        followedToken = token;
        refresh();
    }

    /** Fetches again (e.g. after the deployment changed on the server); cached versions are kept. */
    public void refresh() {
        long ticket = ++generation;
        Profile profile = followed;
        String token = followedToken;
        if (profile == null || profile.deploymentId().isBlank()) {
            state.set(new None());
            return;
        }
        String id = profile.deploymentId();
        state.set(new Loading(id));
        Fetcher using = fetcher;
        executor.submit(() -> resolve(using, profile, token)).onSuccess(found -> {
            if (ticket == generation) {
                state.set(found);
            }
        }).onError(error -> {
            if (ticket == generation) {
                state.set(new Unknown(id, error.message(), null));
            }
        });
    }

    private State resolve(Fetcher using, Profile profile, String token) throws InterruptedException {
        String id = profile.deploymentId();
        try {
            Deployment brief = using.fetch(profile, token, false);
            Known cached = cache.get(key(profile, id, brief.workflowVersion()));
            if (cached != null && brief.workflowVersion() != null) {
                return cached;
            }
            Deployment full = using.fetch(profile, token, true);
            if (full.payload().isEmpty()) {
                return new Unknown(id, "the server sent no stored workflow", null);
            }
            DeploymentPayload payload = full.payload().get();
            Known known = new Known(profile.baseUrl(), id, full.name(), full.workflowVersion(), full.enabled(),
                    new OverridesBaseline(payload.workflow().workflow(), payload.defaultOverrides()));
            cache.put(key(profile, id, full.workflowVersion()), known);
            return known;
        } catch (ApiException e) {
            return unknown(id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                return unknown(id, api);
            }
            return new Unknown(id, String.valueOf(e.getCause().getMessage()), null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Unknown(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        }
    }

    private static Unknown unknown(String id, ApiException e) {
        RunComfyErrorCode code = e.runComfyCode().orElse(null);
        if (code == RunComfyErrorCode.DEPLOYMENT_DISABLED || code == RunComfyErrorCode.DEPLOYMENT_DELETED
                || code == RunComfyErrorCode.NOT_FOUND) {
            return new Unknown(id, code.sentence(), code);
        }
        if (e.httpStatus() == 404 || e.httpStatus() == 405) {
            return new Unknown(id, "v1 server: it has no v2 deployments to read", null);
        }
        return new Unknown(id, e.userMessage(), code);
    }

    private static String key(Profile profile, String id, String version) {
        return profile.baseUrl() + "\n" + id + "\n" + version;
    }

    /**
     * The overrides of {@code edit} against the stored workflow when it is known (every input whose value differs
     * from it), else the edit's own differences from the file.
     *
     * @throws OverridesBaseline.Mismatch when the edit's graph has nodes or inputs the stored workflow lacks
     */
    public ObjectNode overridesFor(WorkflowEdit edit) throws OverridesBaseline.Mismatch {
        if (state.get() instanceof Known known) {
            return known.baseline().overridesFor(edit);
        }
        return edit.overrides();
    }

    private Workflow checkedGraph;
    private State checkedAgainst;
    private List<String> checkedProblems = List.of();

    /** What {@code graph} has that the stored workflow lacks (empty when unknown or when it fits); FX thread. */
    public List<String> problemsOf(Workflow graph) {
        State now = state.get();
        if (!(now instanceof Known known) || graph == null) {
            return List.of();
        }
        if (graph != checkedGraph || now != checkedAgainst) {
            checkedProblems = known.baseline().problemsOf(graph);
            checkedGraph = graph;
            checkedAgainst = now;
        }
        return checkedProblems;
    }

    /** The real fetch: RunComfy's v2 deployments call whatever the queue's version (like the balance). */
    public static Deployment overHttp(Profile profile, String token, boolean withPayload) throws Exception {
        return overHttp(profile, token, withPayload, RetryPolicy.defaults());
    }

    /** The same with other retries (tests: none, so a placeholder server's refusal is told at once). */
    public static Deployment overHttp(Profile profile, String token, boolean withPayload, RetryPolicy retries)
            throws Exception {
        try (DeploymentsApi api = DeploymentsApi.open(URI.create(profile.baseUrl().strip()), ApiVersion.V2,
                () -> token, retries, ClientTimeouts.defaults(), Delayer.system(), null)) {
            return api.get(profile.deploymentId(), withPayload).get(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
