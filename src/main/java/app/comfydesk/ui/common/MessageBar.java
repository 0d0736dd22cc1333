package app.comfydesk.ui.common;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;

/**
 * One dismissible message strip under the toolbar: where load failures, submit errors and other news appear in
 * the window instead of in dialogs. A new message replaces the previous one.
 */
public final class MessageBar extends StackPane {

    public enum Kind { INFO, SUCCESS, WARNING, ERROR }

    private Message current;

    public MessageBar() {
        setId("messageBar");
        getStyleClass().add("message-bar");
        setManaged(false);
        setVisible(false);
    }

    public void show(Kind kind, String title, String text) {
        Message message = new Message(title, text, Icons.of(icon(kind)));
        message.getStyleClass().add(style(kind));
        message.setOnClose(event -> clear());
        current = message;
        getChildren().setAll(message);
        setManaged(true);
        setVisible(true);
    }

    public void showError(String title, UserFacingError error) {
        show(Kind.ERROR, title, error.message());
    }

    public void clear() {
        current = null;
        getChildren().clear();
        setManaged(false);
        setVisible(false);
    }

    /** The text now shown, or null; for tests and accessibility. */
    public String currentText() {
        return current == null ? null : current.getDescription();
    }

    private static Feather icon(Kind kind) {
        return switch (kind) {
            case INFO -> Feather.INFO;
            case SUCCESS -> Feather.CHECK_CIRCLE;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case ERROR -> Feather.ALERT_OCTAGON;
        };
    }

    private static String style(Kind kind) {
        return switch (kind) {
            case INFO -> Styles.ACCENT;
            case SUCCESS -> Styles.SUCCESS;
            case WARNING -> Styles.WARNING;
            case ERROR -> Styles.DANGER;
        };
    }
}
