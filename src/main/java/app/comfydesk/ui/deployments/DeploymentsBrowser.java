package app.comfydesk.ui.deployments;

import app.comfydesk.ui.common.Icons;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The deployments browser (#deploymentList): the active account's deployments with name, id, status, enabled,
 * hardware, workflow version and last update; search, refresh; disabled ones greyed with the reason. Double-click,
 * Enter or "Open" loads one into the studio; the window closes once the studio shows it. Not modal: the studio stays
 * usable while a deployment loads.
 */
public final class DeploymentsBrowser extends Dialog<Void> {

    private final DeploymentsViewModel model;
    private final ListView<DeploymentRow> list = new ListView<>();

    public DeploymentsBrowser(Window owner, DeploymentsViewModel model) {
        this.model = model;
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Deployments");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().setContent(content());
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        getDialogPane().setPrefSize(760, 540);
        getDialogPane().setMinSize(560, 380);
        getDialogPane().getStyleClass().add("deployments-browser");
        model.openedProperty().addListener((obs, old, now) -> {
            if (now != null && isShowing()) {
                close();
            }
        });
    }

    private BorderPane content() {
        TextField search = new TextField();
        search.setId("deploymentSearch");
        search.setPromptText("Search by name, id, status or hardware");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button refresh = Icons.iconButton(Feather.REFRESH_CW, "Read the deployments again");
        refresh.setId("refreshDeployments");
        refresh.setOnAction(event -> model.refresh());
        refresh.disableProperty().bind(model.loadingProperty().or(model.listableProperty().not()));
        HBox top = new HBox(8, search, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setId("deploymentList");
        list.setItems(model.shownRows());
        list.setCellFactory(view -> new RowCell());
        Label empty = new Label("No deployments to show.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> select(now));
        select(model.selectedProperty().get());
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                model.openSelected();
            }
        });
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                model.openSelected();
                event.consume();
            }
        });
        list.managedProperty().bind(list.visibleProperty());
        list.visibleProperty().bind(model.listableProperty());

        VBox typed = typedIdBox();

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("deploymentProgress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label message = new Label();
        message.setId("deploymentMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, old, now) -> styleMessage(message, now));
        styleMessage(message, model.failedProperty().get());
        HBox.setHgrow(message, Priority.ALWAYS);
        Button open = new Button("Open", Icons.of(Feather.DOWNLOAD, Icons.SMALL));
        open.setId("openDeploymentButton");
        open.setDefaultButton(true);
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.disableProperty().bind(model.loadingProperty().or(model.selectedProperty().isNull())
                .or(model.listableProperty().not()));
        open.setOnAction(event -> model.openSelected());
        HBox bottom = new HBox(8, progress, message, open);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox center = new VBox(10, list, typed);
        VBox.setVgrow(list, Priority.ALWAYS);
        BorderPane pane = new BorderPane(center);
        pane.setTop(top);
        pane.setBottom(bottom);
        BorderPane.setMargin(top, new Insets(0, 0, 10, 0));
        BorderPane.setMargin(bottom, new Insets(10, 0, 0, 0));
        return pane;
    }

    /** For servers that cannot list deployments: an id typed, and a local file bound to it. */
    private VBox typedIdBox() {
        TextField id = new TextField();
        id.setId("typedDeploymentId");
        id.setPromptText("Deployment id from the RunComfy deployment page");
        id.textProperty().bindBidirectional(model.typedIdProperty());
        HBox.setHgrow(id, Priority.ALWAYS);
        Button use = new Button("Use this id");
        use.setId("useTypedDeployment");
        use.setMinWidth(Region.USE_PREF_SIZE);
        use.setOnAction(event -> model.useTypedId());
        Button bind = new Button("Bind a local file…", Icons.of(Feather.FILE, Icons.SMALL));
        bind.setId("bindDeploymentFile");
        bind.setMinWidth(Region.USE_PREF_SIZE);
        bind.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("The workflow this deployment runs (API JSON or a ComfyUI PNG)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workflow", "*.json", "*.png"));
            model.boundFile().map(p -> p.getParent() == null ? null : p.getParent().toFile())
                    .filter(java.io.File::isDirectory).ifPresent(chooser::setInitialDirectory);
            var file = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (file != null) {
                model.bindFile(file.toPath());
            }
        });
        Label label = new Label("Deployment id");
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, label, id, use, bind);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, row);
        box.setId("typedDeploymentBox");
        box.visibleProperty().bind(model.listableProperty().not());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void select(DeploymentRow row) {
        if (row != null && list.getSelectionModel().getSelectedItem() != row) {
            list.getSelectionModel().select(row);
            list.scrollTo(row);
        }
    }

    private static void styleMessage(Label message, boolean failed) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(failed ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    /** Name on the first line, the details under it; a disabled deployment greyed, with why. */
    private final class RowCell extends ListCell<DeploymentRow> {
        private final Label name = new Label();
        private final Label details = new Label();
        private final Label reason = new Label();
        private final Label current = new Label("in use");
        private final VBox box;

        RowCell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            details.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            reason.getStyleClass().addAll("deployment-reason", Styles.WARNING, Styles.TEXT_SMALL);
            reason.setWrapText(true);
            reason.managedProperty().bind(reason.visibleProperty());
            current.getStyleClass().addAll(Styles.ACCENT, Styles.TEXT_SMALL);
            current.managedProperty().bind(current.visibleProperty());
            HBox head = new HBox(8, name, current);
            head.setAlignment(Pos.BASELINE_LEFT);
            box = new VBox(2, head, details, reason);
            setPrefWidth(0); // long details wrap or are cut by the cell, never widen the list
        }

        @Override
        protected void updateItem(DeploymentRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                getStyleClass().remove("deployment-disabled");
                return;
            }
            name.setText(row.name());
            details.setText(row.details());
            reason.setText(row.disabledReason() == null ? "" : row.disabledReason());
            reason.setVisible(row.disabledReason() != null);
            current.visibleProperty().unbind();
            current.visibleProperty().bind(Bindings.equal(row.id(), model.activeDeploymentProperty()));
            // Greyed, still selectable: its stored workflow can be looked at, and the reason read.
            name.setOpacity(row.usable() ? 1 : 0.55);
            details.setOpacity(row.usable() ? 1 : 0.55);
            if (row.usable()) {
                getStyleClass().remove("deployment-disabled");
            } else if (!getStyleClass().contains("deployment-disabled")) {
                getStyleClass().add("deployment-disabled");
            }
            setText(null);
            setGraphic(box);
        }
    }
}
