package app.comfydesk.ui.common;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The window's first frame: the outline of {@link MainWindow} (toolbar band, form column, jobs and pictures panes,
 * status bar saying "Starting ComfyDesk…") drawn with plain regions and one text, styled only by the theme's utility
 * classes. No control skins, icon fonts or app stylesheet: the first CSS pass covers a dozen nodes, so the window
 * appears about as soon as a bare JavaFX window would, and the real shell with the studio replaces it a moment
 * later in the same places, without a jump.
 */
public final class StartupSkeleton {

    /** The shell's toolbar and status bar heights at the default font size, borders excluded (measured). */
    static final double TOOLBAR_HEIGHT = 50;
    static final double STATUS_BAR_HEIGHT = 42;
    public static final String TEXT = "Starting ComfyDesk…";

    private StartupSkeleton() {
    }

    /**
     * @param formFraction where the form column ends, as a fraction of the width (the main divider)
     * @param jobsFraction where the jobs pane ends, as a fraction of the right column's height
     */
    public static Parent create(double formFraction, double jobsFraction) {
        BorderPane root = new BorderPane();
        root.setId("startupSkeleton");
        root.getStyleClass().add("bg-default");

        Region toolbar = band(TOOLBAR_HEIGHT, "bg-default");
        root.setTop(new VBox(toolbar, line()));

        Region form = new Region();
        form.getStyleClass().add("bg-default");
        form.prefWidthProperty().bind(root.widthProperty().multiply(formFraction));
        form.setMinWidth(0);
        Region jobs = new Region();
        jobs.getStyleClass().add("bg-subtle");
        Region pictures = new Region();
        pictures.getStyleClass().add("bg-subtle");
        VBox right = new VBox(jobs, line(), pictures);
        jobs.prefHeightProperty().bind(right.heightProperty().multiply(jobsFraction));
        VBox.setVgrow(pictures, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        Region divider = line();
        divider.setMaxHeight(Double.MAX_VALUE);
        root.setCenter(new HBox(form, divider, right));

        Text starting = new Text(TEXT);
        starting.getStyleClass().add("text-muted");
        HBox status = new HBox(starting);
        status.setId("startupStatus");
        status.getStyleClass().add("bg-subtle");
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(4, 12, 4, 12));
        status.setMinHeight(STATUS_BAR_HEIGHT);
        status.setPrefHeight(STATUS_BAR_HEIGHT);
        root.setBottom(new VBox(line(), status));
        return root;
    }

    private static Region band(double height, String styleClass) {
        Region band = new Region();
        band.getStyleClass().add(styleClass);
        band.setMinHeight(height);
        band.setPrefHeight(height);
        return band;
    }

    /** A one-pixel line in the theme's muted border colour (a 1 px region whose border meets itself). */
    private static Region line() {
        Region line = new Region();
        line.getStyleClass().add("border-muted");
        line.setMinSize(1, 1);
        line.setPrefSize(1, 1);
        line.setMaxHeight(1);
        line.setMaxWidth(Double.MAX_VALUE);
        return line;
    }
}
