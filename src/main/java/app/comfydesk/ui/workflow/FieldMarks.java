package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.WhenShown;
import app.comfydesk.workflow.Severity;
import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;

/**
 * What a form row shows about its input besides the editor: the changed mark with its reset button, and the problem
 * text. Most inputs are never changed and never have a problem, and a button and a label per input (hidden, but
 * styled and skinned like shown ones) were a share of the form's first build and styling, so both are made the first
 * time they are needed (docs/BENCHMARKS.md, "Start-up: workflow shown").
 */
final class FieldMarks {

    /** Room the changed mark takes while it is empty: its dot, spacing and reset button (checked by a test). */
    static final double MARKER_WIDTH = 31;
    static final double MARKER_HEIGHT = 22;

    private final WorkflowFormModel form;

    FieldMarks(WorkflowFormModel form) {
        this.form = form;
    }

    /**
     * The dot and reset button shown while the input differs from the file, made on the first change in a slot of
     * the same size, so that nothing moves when they appear.
     */
    Node changeMarker(FieldModel field) {
        HBox marker = new HBox(2);
        marker.setAlignment(Pos.CENTER);
        marker.getStyleClass().add("change-marker");
        marker.setMinWidth(Region.USE_PREF_SIZE);
        marker.setPrefSize(MARKER_WIDTH, MARKER_HEIGHT);
        marker.visibleProperty().bind(field.changedProperty());
        WhenShown.once(field.changedProperty(), () -> {
            Circle dot = new Circle(3.5);
            dot.getStyleClass().add("changed-dot");
            Button reset = Icons.iconButton(Feather.ROTATE_CCW, "Reset to the workflow's value");
            reset.getStyleClass().addAll(Styles.SMALL, "reset-button");
            reset.setOnAction(event -> form.reset(field));
            marker.setPrefSize(Region.USE_COMPUTED_SIZE, Region.USE_COMPUTED_SIZE);
            marker.getChildren().setAll(dot, reset);
        });
        return marker;
    }

    /**
     * Adds the input's problem text to the end of {@code container} when it first has one, then shows and hides it
     * with the problem.
     */
    void addProblemText(FieldModel field, VBox container) {
        // On the property itself: a derived binding (problemProperty().isNotNull()) is held by the property only
        // weakly, so once collected it never fired and the row never showed its problem.
        WhenShown.once(field.problemProperty(), java.util.Objects::nonNull,
                () -> container.getChildren().add(problemLabel(field)));
    }

    private static Label problemLabel(FieldModel field) {
        Label problem = new Label();
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(field.problemProperty());
        problem.visibleProperty().bind(field.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        Consumer<Severity> style = severity -> {
            boolean error = field.inputProblemProperty().get() != null || severity == Severity.ERROR;
            problem.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), error);
            problem.pseudoClassStateChanged(PseudoClass.getPseudoClass("warning"), !error);
        };
        field.problemProperty().addListener((obs, old, now) -> style.accept(field.severityProperty().get()));
        style.accept(field.severityProperty().get());
        problem.setGraphic(Icons.of(Feather.ALERT_CIRCLE, Icons.SMALL));
        return problem;
    }
}
