package app.comfydesk.ui.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.Deployment;
import app.comfydesk.ui.ComfyDeskApp;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileDraft;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import app.comfydesk.ui.workflow.WorkflowDocument;
import app.comfydesk.ui.workflow.WorkflowLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the browser says when RunComfy refuses: the codes in words, on the deployment they are about. */
class DeploymentsViewModelTest {

    @TempDir
    Path config;

    private final List<String> opened = new ArrayList<>();
    private ProfilesViewModel profiles;
    private RuntimeException listFailure;
    private RuntimeException getFailure;
    private DeploymentsViewModel model;

    @BeforeEach
    void setUp() {
        SameThreadBackgroundExecutor executor = new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages());
        profiles = new ProfilesViewModel(new SettingsService(new SettingsStore(config), new InMemorySecretStore(),
                executor));
        Profile account = new Profile("acc", "Studio", "https://api.runcomfy.net", "v2", "", null, false, null,
                null, false);
        profiles.apply(List.of(new ProfileDraft(account, "tok", null)), "acc");
        DeploymentSource source = new DeploymentSource() {
            @Override
            public List<Deployment> list(Profile a, String token) {
                if (listFailure != null) {
                    throw listFailure;
                }
                return List.of(deployment("dep-1", "Portraits", true), deployment("dep-2", "Old", false));
            }

            @Override
            public Deployment get(Profile a, String token, String id) {
                throw getFailure;
            }

            @Override
            public JsonNode objectInfo(Profile a, String token, Deployment d) {
                throw new AssertionError("not reached");
            }
        };
        model = new DeploymentsViewModel(profiles, executor, source, new WorkflowLoader(),
                (work, what) -> opened.add(what), () -> null, new SimpleObjectProperty<WorkflowDocument>());
    }

    private static Deployment deployment(String id, String name, boolean enabled) {
        return new Deployment(id, name, "ready", enabled, "AMPERE_24", "wf", "3", 0, 1, 1, 60,
                "2026-01-01T10:00:00Z", "2026-02-01T11:30:00.123456", null, null);
    }

    @Test
    void aDeletedOrDisabledDeploymentSaysSoOnTheDeployment() {
        model.refresh();
        assertThat(model.rows()).extracting(DeploymentRow::id).containsExactly("dep-1", "dep-2");
        assertThat(model.rows().get(1).usable()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("2 deployment(s), 1 disabled.");

        getFailure = new ApiException(200, "10003", null, null, null);
        model.open(model.rows().get(0));
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Deployment Portraits (dep-1) cannot be opened: ")
                .contains("deleted on RunComfy", "10003");
        assertThat(model.loadingProperty().get()).isFalse();

        getFailure = new ApiException(403, "10002", "deployment is disabled", null, null);
        model.open(model.rows().get(1));
        assertThat(model.messageProperty().get()).startsWith("Deployment Old (dep-2) cannot be opened: ")
                .contains("disabled: enable it on RunComfy", "10002", "RunComfy says: deployment is disabled");
        assertThat(opened).isEmpty();
    }

    @Test
    void aRefusedTokenAndAServerWithoutDeploymentRoutesAreToldApart() {
        listFailure = new ApiException(401, "401001", null, null, null);
        model.refresh();
        assertThat(model.messageProperty().get()).startsWith("The deployments could not be read: ")
                .contains("token is invalid");
        assertThat(model.listableProperty().get()).isTrue();

        listFailure = new ApiException(404, null, "Not Found", null, null);
        model.refresh();
        assertThat(model.listableProperty().get()).as("falls back to a typed id").isFalse();
        assertThat(model.messageProperty().get()).contains("only speaks the v1 queue");
    }

    @Test
    void searchMatchesNameIdAndHardwareInAnyCaseAndTimesReadAsLocalMinutes() {
        model.refresh();
        model.searchProperty().set("ampere");
        assertThat(model.shownRows()).hasSize(2);
        model.searchProperty().set("PORT");
        assertThat(model.shownRows()).extracting(DeploymentRow::id).containsExactly("dep-1");
        model.searchProperty().set("dep-2");
        assertThat(model.shownRows()).extracting(DeploymentRow::id).containsExactly("dep-2");
        assertThat(DeploymentRow.readableTime("not a time")).isEqualTo("not a time");
        assertThat(DeploymentRow.readableTime("2026-02-01T11:30:00.123456")).matches("2026-02-01 \\d\\d:\\d0");
    }
}
