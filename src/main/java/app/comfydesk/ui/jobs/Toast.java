package app.comfydesk.ui.jobs;

import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A small "job finished" note in the window's bottom-right corner, styled by the theme. ControlsFX's
 * notification popup was not used: its stylesheet fights AtlantaFX's user-agent sheet (a ClassCastException
 * logged per toast) and it looks foreign next to the rest of the window.
 */
final class Toast {

    static final Duration SHOWN_FOR = Duration.seconds(6);
    private static final double MARGIN = 16;
    /** Stacked toasts move up by about one toast's height each. */
    private static final double STEP = 84;

    private Toast() {
    }

    /** Shows the toast; {@code slot} stacks several upwards (0 = lowest). Returns it so tests can look inside. */
    static Popup show(Window owner, String title, String text, boolean failed, int slot) {
        FontIcon icon = new FontIcon(failed ? Feather.X_CIRCLE : Feather.CHECK_CIRCLE);
        icon.getStyleClass().add("toast-icon");
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("toast-title");
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add("toast-text");
        textLabel.setWrapText(true);
        HBox box = new HBox(10, icon, new VBox(2, titleLabel, textLabel));
        box.getStyleClass().addAll("toast", failed ? "toast-failed" : "toast-done");
        box.getStylesheets().add(StatusBarView.STYLESHEET);
        box.setPrefWidth(340);
        Popup popup = new Popup();
        popup.getContent().add(box);
        popup.setAutoHide(false);
        popup.setHideOnEscape(true);
        box.setOnMouseClicked(event -> popup.hide());
        popup.show(owner);
        Bounds size = box.getLayoutBounds();
        popup.setX(owner.getX() + owner.getWidth() - size.getWidth() - MARGIN);
        popup.setY(owner.getY() + owner.getHeight() - size.getHeight() - MARGIN - slot * STEP);
        PauseTransition hide = new PauseTransition(SHOWN_FOR);
        hide.setOnFinished(event -> popup.hide());
        hide.play();
        return popup;
    }
}
