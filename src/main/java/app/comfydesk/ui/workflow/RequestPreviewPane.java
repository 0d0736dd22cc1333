package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.settings.ProfilesViewModel;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * What Generate will send (#previewPane): the exact JSON body of run 1 with secrets redacted, and "Copy as curl".
 * Refreshed shortly after edits while it is shown, never while hidden.
 */
public final class RequestPreviewPane extends VBox {

    private final SubmitModel submit;
    private final TextArea text = new TextArea();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(120));

    public RequestPreviewPane(SubmitModel submit, WorkflowFormModel form, ProfilesViewModel profiles) {
        super(6);
        this.submit = submit;
        setId("previewPane");
        getStyleClass().add("preview-pane");
        Label title = new Label("Request");
        title.getStyleClass().add("area-heading");
        Label note = new Label("body of run 1 · secrets redacted");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copyJson = new Button("Copy JSON", Icons.of(Feather.COPY, Icons.SMALL));
        copyJson.setId("copyJsonButton");
        copyJson.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copyJson.setOnAction(event -> copy(submit.previewJson()));
        Button copyCurl = new Button("Copy as curl", Icons.of(Feather.TERMINAL, Icons.SMALL));
        copyCurl.setId("copyCurlButton");
        copyCurl.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copyCurl.setOnAction(event -> copy(submit.curl()));
        Button close = Icons.iconButton(Feather.X, "Hide the request (Ctrl+R)");
        close.setOnAction(event -> setVisible(false));
        HBox head = new HBox(8, title, note, spacer, copyJson, copyCurl, close);
        head.setAlignment(Pos.CENTER_LEFT);
        text.setId("previewText");
        text.setEditable(false);
        text.getStyleClass().add("preview-text");
        text.setPrefRowCount(14);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(head, text);
        managedProperty().bind(visibleProperty());
        setVisible(false);

        debounce.setOnFinished(event -> refresh());
        Runnable later = () -> {
            if (isVisible()) {
                debounce.playFromStart();
            }
        };
        form.editProperty().addListener((obs, old, now) -> later.run());
        submit.modeProperty().addListener((obs, old, now) -> later.run());
        profiles.activeProperty().addListener((obs, old, now) -> later.run());
        form.documentProperty().addListener((obs, old, now) -> later.run());
        visibleProperty().addListener((obs, old, shown) -> {
            if (shown) {
                refresh();
            }
        });
    }

    public void toggle() {
        setVisible(!isVisible());
    }

    /** Recomputes now (tests call this instead of waiting for the debounce). */
    public void refresh() {
        debounce.stop();
        text.setText(submit.previewJson());
    }

    public String text() {
        return text.getText();
    }

    private static void copy(String value) {
        ClipboardContent content = new ClipboardContent();
        content.putString(value);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
