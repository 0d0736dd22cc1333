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
    private static final String NOTE = "body of run 1 · secrets redacted";
    private final Label note = new Label(NOTE);
    // Wraps in the narrow column rather than being cut: a sentence, not a header.
    private final javafx.scene.text.Text against = new javafx.scene.text.Text();
    private final PauseTransition copiedReset = new PauseTransition(Duration.seconds(2.5));

    public RequestPreviewPane(SubmitModel submit, WorkflowFormModel form, ProfilesViewModel profiles) {
        super(6);
        this.submit = submit;
        setId("previewPane");
        getStyleClass().add("preview-pane");
        Label title = new Label("Request");
        title.getStyleClass().add("area-heading");
        // The left column can be narrow: icon buttons with tooltips keep the header on one line, and the note
        // (which also says "copied") goes on its own line under it.
        note.setId("previewNote");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copyJson = Icons.iconButton(Feather.COPY, "Copy JSON: the request body, secrets redacted");
        copyJson.setId("copyJsonButton");
        copyJson.setOnAction(event -> copy(submit.previewJson(), "JSON copied to the clipboard"));
        Button copyCurl = Icons.iconButton(Feather.TERMINAL, "Copy as curl: the whole request as a command, token as "
                + "$RUNCOMFY_TOKEN");
        copyCurl.setId("copyCurlButton");
        copyCurl.setOnAction(event -> copy(submit.curl(), "curl command copied to the clipboard"));
        Button close = Icons.iconButton(Feather.X, "Hide the request (Ctrl+R)");
        close.setOnAction(event -> setVisible(false));
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(4, title, spacer, copyJson, copyCurl, close);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("preview-head");
        copiedReset.setOnFinished(event -> {
            note.setText(NOTE);
            note.setGraphic(null);
        });
        text.setId("previewText");
        text.setEditable(false);
        text.getStyleClass().add("preview-text");
        text.setPrefRowCount(14);
        VBox.setVgrow(text, Priority.ALWAYS);
        against.setId("previewBaseline");
        against.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        javafx.scene.text.TextFlow againstFlow = new javafx.scene.text.TextFlow(against);
        againstFlow.setMinWidth(0);
        getChildren().addAll(head, note, againstFlow, text);
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
        submit.baseline().stateProperty().addListener((obs, old, now) -> later.run());
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
        against.setText(submit.previewBaseline());
    }

    /** Which baseline the body was measured against, in words. */
    public String baselineNote() {
        return against.getText();
    }

    public String text() {
        return text.getText();
    }

    private void copy(String value, String done) {
        ClipboardContent content = new ClipboardContent();
        content.putString(value);
        Clipboard.getSystemClipboard().setContent(content);
        note.setText(done);
        note.setGraphic(Icons.of(Feather.CHECK, Icons.SMALL));
        copiedReset.playFromStart();
    }

    /** The line under the header: what the body is, or "… copied" for a moment after a copy. */
    public String note() {
        return note.getText();
    }
}
