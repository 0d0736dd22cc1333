package app.comfydesk.ui.settings;

import app.comfydesk.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;

/** The toolbar's profile chip (#profileSelector): one click switches; the gear opens the profiles dialog. */
public final class ProfileSelector extends HBox {

    private final ComboBox<Profile> combo = new ComboBox<>();
    private final Button manage = Icons.iconButton(Feather.SLIDERS, "Profiles and connection");

    public ProfileSelector(ProfilesViewModel model, Runnable openProfilesDialog) {
        super(2);
        getStyleClass().add("profile-chip");
        combo.setId("profileSelector");
        combo.getStyleClass().add("profile-selector");
        combo.setItems(model.profiles());
        combo.valueProperty().bindBidirectional(model.activeProperty());
        combo.setCellFactory(list -> new ProfileCell(model));
        combo.setButtonCell(new ProfileCell(model));
        combo.setPromptText("No profile");
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = model.activeProblemProperty().get();
            Profile active = model.getActive();
            if (problem != null) {
                return problem;
            }
            return active.sandbox() ? "Built-in sandbox on this computer: jobs run locally, no account needed."
                    : active.baseUrl() + " · deployment " + active.deploymentId();
        }, model.activeProblemProperty(), model.activeProperty()));
        combo.setTooltip(tooltip);
        manage.setId("manageProfilesButton");
        manage.setOnAction(event -> openProfilesDialog.run());
        getChildren().addAll(combo, manage);
    }

    public ComboBox<Profile> combo() {
        return combo;
    }

    private static final class ProfileCell extends ListCell<Profile> {
        private final ProfilesViewModel model;

        ProfileCell(ProfilesViewModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(Profile profile, boolean empty) {
            super.updateItem(profile, empty);
            if (empty || profile == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(profile.sandbox() ? profile.name() + "  ·  local" : profile.name());
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
            return dot;
        }
    }
}
