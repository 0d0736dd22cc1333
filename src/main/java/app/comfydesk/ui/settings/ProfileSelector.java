package app.comfydesk.ui.settings;

import app.comfydesk.ui.common.FxThread;
import app.comfydesk.ui.common.Icons;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;

/**
 * The toolbar's account chip (#profileSelector): one click switches account; the deployment button
 * (#deploymentsButton) names the chosen deployment and opens the deployments browser; the gear opens the accounts
 * dialog.
 */
public final class ProfileSelector extends HBox {

    /** Entries at the end of the drop-down that open the dialog instead of switching profile (compared by identity). */
    private static final Profile MANAGE_ENTRY = Profile.blank("Manage accounts…");
    private static final Profile ADD_ENTRY = Profile.blank("Add account…");
    private final ComboBox<Profile> combo = new ComboBox<>();
    private final ObservableList<Profile> entries = FXCollections.observableArrayList();
    private final Button manage = Icons.iconButton(Feather.SLIDERS, "Accounts and connection");
    private final Button deployments = new Button();
    /** The chosen deployment's name once the browser knows it (null: the id is shown). */
    private final javafx.beans.property.StringProperty deploymentName =
            new javafx.beans.property.SimpleStringProperty(this, "deploymentName");
    private Runnable openDeployments = () -> { };
    /** Why the active profile's server cannot be reached now, or null; set by whoever watches the connection. */
    private final javafx.beans.property.StringProperty offlineReason =
            new javafx.beans.property.SimpleStringProperty(this, "offlineReason");

    public ProfileSelector(ProfilesViewModel model, Runnable openProfilesDialog) {
        this(model, openProfilesDialog, openProfilesDialog);
    }

    public ProfileSelector(ProfilesViewModel model, Runnable openProfilesDialog, Runnable addProfile) {
        super(2);
        getStyleClass().add("profile-chip");
        combo.setId("profileSelector");
        combo.getStyleClass().add("profile-selector");
        syncEntries(model);
        model.profiles().addListener((ListChangeListener<Profile>) change -> syncEntries(model));
        combo.setItems(entries);
        combo.setValue(model.getActive());
        model.activeProperty().addListener((obs, old, now) -> combo.setValue(now));
        combo.valueProperty().addListener((obs, old, now) -> {
            if (now == MANAGE_ENTRY || now == ADD_ENTRY) {
                // Not a profile: put the active one back, then open the dialog once the popup has closed.
                Runnable action = now == MANAGE_ENTRY ? openProfilesDialog : addProfile;
                FxThread.later(() -> {
                    combo.setValue(model.getActive());
                    action.run();
                });
            } else if (now != null && now != model.getActive()) {
                model.activeProperty().set(now);
            }
        });
        combo.setCellFactory(list -> new ProfileCell(model, null));
        ProfileCell button = new ProfileCell(model, offlineReason);
        combo.setButtonCell(button);
        offlineReason.addListener(obs -> button.updateItem(button.getItem(), button.isEmpty()));
        combo.setPromptText("No account");
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = model.activeProblemProperty().get();
            Profile active = model.getActive();
            if (problem != null) {
                return problem;
            }
            if (offlineReason.get() != null) {
                return "Offline: cannot reach " + active.baseUrl() + " (" + offlineReason.get() + ").";
            }
            return active.sandbox() ? "Built-in sandbox on this computer: jobs run locally, no account needed."
                    : active.baseUrl() + " · deployment " + active.deploymentId();
        }, model.activeProblemProperty(), model.activeProperty(), offlineReason));
        combo.setTooltip(tooltip);
        manage.setId("manageProfilesButton");
        manage.setOnAction(event -> openProfilesDialog.run());
        deployments.setId("deploymentsButton");
        deployments.setGraphic(Icons.of(Feather.LAYERS, Icons.SMALL));
        deployments.getStyleClass().addAll("deployment-chip", atlantafx.base.theme.Styles.FLAT,
                atlantafx.base.theme.Styles.BUTTON_ICON);
        // Only the icon is drawn: at 1280 px the toolbar has no room for a name beside the workflow's. The text
        // (the chosen deployment) is there for the tooltip and screen readers.
        deployments.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        Tooltip deploymentTip = new Tooltip();
        deploymentTip.textProperty().bind(Bindings.concat("Deployments of this account (Ctrl+D) \u00b7 in use: ",
                deployments.textProperty()));
        deployments.setTooltip(deploymentTip);
        deployments.textProperty().bind(Bindings.createStringBinding(() -> {
            Profile active = model.getActive();
            if (active == null) {
                return "Deployments";
            }
            String name = deploymentName.get();
            return name != null && !name.isBlank() ? name
                    : active.deploymentId().isBlank() ? "Pick a deployment" : active.deploymentId();
        }, model.activeProperty(), deploymentName));
        deployments.setOnAction(event -> openDeployments.run());
        getChildren().addAll(combo, deployments, manage);
    }

    private void syncEntries(ProfilesViewModel model) {
        List<Profile> all = new ArrayList<>(model.profiles());
        all.add(MANAGE_ENTRY);
        all.add(ADD_ENTRY);
        entries.setAll(all);
        combo.setValue(model.getActive()); // replacing the items may have cleared the shown value
    }

    /** What the deployment button opens (the deployments browser). */
    public void setOnOpenDeployments(Runnable action) {
        this.openDeployments = action == null ? () -> { } : action;
    }

    public javafx.beans.property.StringProperty deploymentNameProperty() {
        return deploymentName;
    }

    /** Why the active profile's server is unreachable (the chip's dot turns red and says so), or null. */
    public javafx.beans.property.StringProperty offlineReasonProperty() {
        return offlineReason;
    }

    public ComboBox<Profile> combo() {
        return combo;
    }

    private static final class ProfileCell extends ListCell<Profile> {
        private final ProfilesViewModel model;
        /** Only the chip's own cell shows the active profile's reachability; null for the list's cells. */
        private final javafx.beans.value.ObservableStringValue offline;

        ProfileCell(ProfilesViewModel model, javafx.beans.value.ObservableStringValue offline) {
            this.model = model;
            this.offline = offline;
        }

        @Override
        public void updateItem(Profile profile, boolean empty) {
            super.updateItem(profile, empty);
            if (empty || profile == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (profile == MANAGE_ENTRY || profile == ADD_ENTRY) {
                setText(profile.name());
                setGraphic(Icons.of(profile == ADD_ENTRY ? Feather.PLUS : Feather.SLIDERS, Icons.SMALL));
                return;
            }
            // The sandbox says "local" in its tooltip and its dot; in words it took the room the workflow name needs.
            setText(profile.name());
            setGraphic(dot(profile));
        }

        private Node dot(Profile profile) {
            Circle dot = new Circle(4);
            dot.getStyleClass().add("profile-chip-dot");
            if (profile.sandbox()) {
                dot.getStyleClass().add("sandbox");
            } else if (profile.problem() != null || model.token(profile).isEmpty()) {
                dot.getStyleClass().add("unusable");
            }
            if (offline != null && offline.get() != null && profile == model.getActive()) {
                dot.getStyleClass().add("offline");
            }
            return dot;
        }
    }
}
