package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;

/**
 * The status bar's word on what Overrides are measured against (#baselineState): "vs sample-txt2img v3" once the
 * deployment's stored workflow is known, "vs the file" when it is not; the tooltip says it in full.
 */
final class BaselineChip extends Label {

    BaselineChip(DeploymentBaseline baseline) {
        setId("baselineState");
        getStyleClass().addAll(Styles.TEXT_SMALL, "baseline-state");
        setMnemonicParsing(false);
        // The first to give way in a crowded status bar (the tooltip keeps the whole sentence).
        setMinWidth(0);
        setMaxWidth(260);
        setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        Tooltip tip = FieldEditors.tooltip("");
        setTooltip(tip);
        baseline.stateProperty().addListener((obs, old, now) -> show(now, tip));
        show(baseline.getState(), tip);
    }

    private void show(DeploymentBaseline.State state, Tooltip tip) {
        tip.setText("Overrides: " + state.describe());
        if (state instanceof DeploymentBaseline.Known known) {
            // A hash version (the sandbox's) is long and says nothing at a glance: only the tooltip has it.
            String version = known.version() == null || !known.version().matches("\\d[\\w.]*") ? ""
                    : " " + DeploymentBaseline.versionLabel(known.version());
            setText("vs " + known.deploymentId() + version);
            setGraphic(Icons.of(Feather.LAYERS, Icons.SMALL));
            getStyleClass().remove(Styles.WARNING);
        } else if (state instanceof DeploymentBaseline.Unknown) {
            setText("vs the file");
            setGraphic(Icons.of(Feather.HELP_CIRCLE, Icons.SMALL));
            if (!getStyleClass().contains(Styles.WARNING)) {
                getStyleClass().add(Styles.WARNING);
            }
        } else if (state instanceof DeploymentBaseline.Loading) {
            setText("reading deployment…");
            setGraphic(Icons.of(Feather.LOADER, Icons.SMALL));
        } else {
            setText("");
            setGraphic(null);
        }
        setVisible(!getText().isEmpty());
        setManaged(isVisible());
    }

    /** The full sentence (tests read it). */
    String describe() {
        return getTooltip().getText();
    }
}
