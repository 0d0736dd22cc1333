package app.comfydesk.ui;

import app.comfydesk.LogFolder;
import app.comfydesk.jobs.AppDirectories;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import org.slf4j.LoggerFactory;

/**
 * When the app cannot start at all (say, its data folder cannot be created): one dialog that says why in words and
 * where the log is, then quit. The stack trace goes to the log, never on screen.
 */
final class StartupFailure {

    private StartupFailure() {
    }

    /** Call on the FX thread; returns once the user has closed the dialog, after asking the toolkit to exit. */
    static void show(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // The folder error's own message is the sentence for the user; the generic mapping would unwrap past it.
        String message = cause instanceof AppDirectories.UnusableFolderException
                ? cause.getMessage()
                : ComfyDeskApp.errorMessages().toUserError(cause).message();
        LoggerFactory.getLogger(StartupFailure.class).error("ComfyDesk could not start", cause);
        Alert alert = new Alert(Alert.AlertType.ERROR, message + "\n\nDetails are in the log folder: "
                + LogFolder.current(), ButtonType.CLOSE);
        alert.setTitle("ComfyDesk");
        alert.setHeaderText("ComfyDesk could not start");
        alert.showAndWait();
        Platform.exit();
    }
}
