package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.Tooltips;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectExpression;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The toolbar's submit slot: what Generate sends (mode, batch), why it cannot yet, Sweep… and Generate itself. */
final class SubmitControls {

    private SubmitControls() {
    }

    /** Mode, batch, the hints, the blocked marker, Sweep… and Generate, in toolbar order. */
    static Node[] build(WorkflowFormModel form, SubmitModel submit, ObjectExpression<Runnable> onSweep,
            Runnable generate, Runnable showBlockedReason) {
        ComboBox<SubmitMode> mode = new ComboBox<>(FXCollections.observableArrayList(SubmitMode.values()));
        mode.setId("modeSelector");
        mode.valueProperty().bindBidirectional(submit.modeProperty());
        Tooltips.onHover(mode, "Overrides sends only what you changed; Full workflow sends the whole graph");
        Label batchLabel = new Label("Batch");
        batchLabel.getStyleClass().add("toolbar-label");
        Spinner<Integer> batch = new Spinner<>(1, SubmitModel.MAX_BATCH, 1);
        batch.setId("batchSpinner");
        batch.setEditable(true);
        batch.getStyleClass().add("batch-spinner");
        batch.getValueFactory().valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                submit.batchProperty().set(now);
            }
        });
        submit.batchProperty().addListener((obs, old, now) -> batch.getValueFactory().setValue(now.intValue()));
        Tooltips.onHover(batch, "How many jobs one click submits; seeds follow their per-run mode");

        FontIcon blockedIcon = Icons.of(Feather.ALERT_CIRCLE);
        blockedIcon.getStyleClass().add("blocked-icon");
        Label blocked = new Label(null, blockedIcon);
        blocked.setId("submitBlocked");
        blocked.getStyleClass().add("submit-blocked");
        Tooltip blockedTip = FieldEditors.tooltip("");
        blockedTip.textProperty().bind(submit.blockedReasonProperty());
        blocked.setTooltip(blockedTip);
        // Its room is kept while hidden, so Generate does not shift when a problem comes and goes.
        blocked.visibleProperty().bind(Bindings.isNotNull(submit.blockedReasonProperty())
                .and(form.documentProperty().isNotNull()));
        blocked.setOnMouseClicked(event -> showBlockedReason.run());

        Button submitButton = new Button("Generate");
        submitButton.setId("submitButton");
        submitButton.setGraphic(Icons.of(Feather.PLAY));
        submitButton.getStyleClass().addAll(Styles.ACCENT, "generate-button");
        Label shortcut = new Label("Ctrl+⏎");
        shortcut.getStyleClass().add("shortcut-hint");
        submitButton.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
        Label generateLabel = new Label();
        generateLabel.setId("submitLabel");
        generateLabel.getStyleClass().add("generate-label");
        generateLabel.textProperty().bind(Bindings.createStringBinding(() -> generateText(submit.batchProperty().get()),
                submit.batchProperty()));
        HBox content = new HBox(8, generateLabel, shortcut);
        content.setAlignment(Pos.CENTER);
        submitButton.setText(null);
        HBox graphic = new HBox(6, Icons.of(Feather.PLAY), content);
        graphic.setAlignment(Pos.CENTER);
        submitButton.setGraphic(graphic);
        submitButton.accessibleTextProperty().bind(generateLabel.textProperty());
        // Disabled while a batch waits for the server too: a second click would send the same runs again.
        submitButton.disableProperty().bind(Bindings.isNotNull(submit.blockedReasonProperty())
                .or(submit.submittingProperty()));
        submitButton.setOnAction(event -> generate.run());
        // Opens the sweep window; the composition root sets what it does once the engine runs.
        Button sweepButton = new Button();
        sweepButton.setId("sweepButton");
        // An icon, like the toolbar's other tools: with a word it took the room the workflow's name needs at 1280 px.
        sweepButton.setGraphic(Icons.of(Feather.GRID, Icons.SMALL));
        sweepButton.setAccessibleText("Sweep…");
        Tooltips.onHover(sweepButton,
                "Sweep… — try every combination of some inputs' values (X / Y / Z) as a grid");
        sweepButton.disableProperty().bind(onSweep.isNull().or(form.documentProperty().isNull()));
        sweepButton.setOnAction(event -> onSweep.get().run());
        FontIcon sameIcon = Icons.of(Feather.COPY, Icons.SMALL);
        sameIcon.getStyleClass().add("identical-batch-icon");
        Label identical = new Label("same seed", sameIcon);
        identical.setId("identicalBatchHint");
        identical.getStyleClass().add("identical-batch-hint");
        Tooltip identicalTip = FieldEditors.tooltip("");
        identicalTip.textProperty().bind(submit.identicalBatchProperty());
        identical.setTooltip(identicalTip);
        identical.visibleProperty().bind(submit.identicalBatchProperty().isNotNull()
                .and(form.documentProperty().isNotNull()));
        identical.managedProperty().bind(identical.visibleProperty());
        // One click out of a form the deployment's stored workflow cannot take as overrides.
        Button sendFull = new Button("Send as Full", Icons.of(Feather.ALERT_TRIANGLE, Icons.SMALL));
        sendFull.setId("sendFullButton");
        sendFull.getStyleClass().addAll(Styles.SMALL, Styles.WARNING, "deployment-mismatch-hint");
        Tooltip mismatchTip = FieldEditors.tooltip("");
        mismatchTip.textProperty().bind(submit.overridesMismatchProperty());
        sendFull.setTooltip(mismatchTip);
        sendFull.visibleProperty().bind(Bindings.isNotNull(submit.overridesMismatchProperty()));
        sendFull.managedProperty().bind(sendFull.visibleProperty());
        sendFull.setOnAction(event -> submit.modeProperty().set(SubmitMode.FULL));
        return new Node[] {mode, batchLabel, batch, identical, sendFull, blocked, sweepButton, submitButton};
    }

    /** "Generate", or "Generate ×4" when one click submits several jobs. */
    static String generateText(int batch) {
        return batch > 1 ? "Generate \u00d7" + batch : "Generate";
    }
}
