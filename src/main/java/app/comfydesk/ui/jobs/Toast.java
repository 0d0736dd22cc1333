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
        popup.getProperties().put(PauseTransition.class, hide);
        return popup;
    }

    /**
     * Says something new in a toast still showing, in place: no new popup (each one is a window and a scene of its
     * own, costly in a burst of finished jobs), and it stays up for {@link #SHOWN_FOR} from now.
     */
    static void update(Popup popup, String title, String text, boolean failed) {
        javafx.scene.Node box = popup.getContent().get(0);
        ((Label) box.lookup(".toast-title")).setText(title);
        ((Label) box.lookup(".toast-text")).setText(text);
        ((FontIcon) box.lookup(".toast-icon")).setIconCode(failed ? Feather.X_CIRCLE : Feather.CHECK_CIRCLE);
        box.getStyleClass().removeAll("toast-failed", "toast-done");
        box.getStyleClass().add(failed ? "toast-failed" : "toast-done");
        if (popup.getProperties().get(PauseTransition.class) instanceof PauseTransition hide) {
            hide.playFromStart();
        }
    }
}
