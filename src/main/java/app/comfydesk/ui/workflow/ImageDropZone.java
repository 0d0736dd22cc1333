package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * An image input: thumbnail, and four ways to set it — drop a file or URL, choose a file, paste a picture, type a
 * URL (sent as given). Local pictures become data URIs off the FX thread; too-large ones get a downscale offer.
 */
public final class ImageDropZone extends HBox {

    private static final PseudoClass DRAG_OVER = PseudoClass.getPseudoClass("drag-over");
    private static final int THUMB = 96;

    private final FieldModel field;
    private final BackgroundExecutor executor;
    private final ImageInputs inputs;
    private final ImageView thumbnail = new ImageView();
    private final StackPane thumbFrame = new StackPane();
    private final Label caption = new Label();
    private final HBox offer = new HBox(6);
    private String shownValue;

    ImageDropZone(FieldModel field, BackgroundExecutor executor, ImageInputs inputs, boolean large) {
        super(12);
        this.field = field;
        this.executor = executor;
        this.inputs = inputs;
        getStyleClass().add("image-drop-zone");
        setAlignment(Pos.CENTER_LEFT);
        int side = large ? THUMB + 24 : THUMB;
        thumbnail.setFitWidth(side);
        thumbnail.setFitHeight(side);
        thumbnail.setPreserveRatio(true);
        thumbnail.setSmooth(true);
        thumbFrame.getStyleClass().add("thumb-frame");
        thumbFrame.setMinSize(side, side);
        thumbFrame.setPrefSize(side, side);
        thumbFrame.setMaxSize(side, side);
        thumbFrame.getChildren().setAll(Icons.of(Feather.IMAGE, 28), thumbnail);

        caption.getStyleClass().add("image-caption");
        caption.setWrapText(true);
        Label hint = new Label("Drop a picture or URL here, paste, or choose a file");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        Button choose = new Button("Choose…", Icons.of(Feather.FOLDER, Icons.SMALL));
        choose.getStyleClass().add(Styles.SMALL);
        choose.setOnAction(event -> choose());
        Button paste = new Button("Paste", Icons.of(Feather.CLIPBOARD, Icons.SMALL));
        paste.getStyleClass().add(Styles.SMALL);
        paste.setOnAction(event -> paste(Clipboard.getSystemClipboard()));
        Button url = new Button("URL…", Icons.of(Feather.LINK, Icons.SMALL));
        url.getStyleClass().add(Styles.SMALL);
        url.setOnAction(event -> askUrl());
        HBox buttons = new HBox(6, choose, paste, url);
        offer.setAlignment(Pos.CENTER_LEFT);
        offer.setVisible(false);
        offer.managedProperty().bind(offer.visibleProperty());
        VBox right = new VBox(6, caption, hint, buttons, offer);
        HBox.setHgrow(right, Priority.ALWAYS);
        getChildren().addAll(thumbFrame, right);

        setOnDragOver(this::dragOver);
        setOnDragExited(event -> pseudoClassStateChanged(DRAG_OVER, false));
        setOnDragDropped(this::dropped);
        field.valueProperty().addListener((obs, old, now) -> showValue(now, null));
        // Weak: the folder outlives every drop zone (rows are rebuilt as the form scrolls).
        inputs.serverInputFolderProperty().addListener(new javafx.beans.WeakInvalidationListener(serverFolderChanged));
        showValue(field.getValue(), null);
    }

    private final javafx.beans.InvalidationListener serverFolderChanged = obs -> refreshFromServerFolder();

    private void refreshFromServerFolder() {
        shownValue = null;
        showValue(field.getValue(), null);
    }

    private void dragOver(DragEvent event) {
        var board = event.getDragboard();
        if (board.hasFiles() || board.hasUrl() || board.hasImage()) {
            event.acceptTransferModes(TransferMode.COPY);
            pseudoClassStateChanged(DRAG_OVER, true);
            event.consume(); // the window's own drop handler (open workflow) must not see picture drops here
        }
    }

    private void dropped(DragEvent event) {
        var board = event.getDragboard();
        boolean done = false;
        if (board.hasFiles() && !board.getFiles().isEmpty()) {
            useFile(board.getFiles().get(0).toPath());
            done = true;
        } else if (board.hasUrl()) {
            useUrl(board.getUrl());
            done = true;
        } else if (board.hasImage()) {
            useImage(board.getImage());
            done = true;
        }
        pseudoClassStateChanged(DRAG_OVER, false);
        event.setDropCompleted(done);
        event.consume();
    }

    private void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a picture for " + field.name());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures",
                "*.png", "*.jpg", "*.jpeg", "*.webp", "*.gif", "*.bmp"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            useFile(file.toPath());
        }
    }

    /** Pastes a picture, a copied file, or a URL from the clipboard. */
    public void paste(Clipboard clipboard) {
        if (clipboard.hasImage()) {
            useImage(clipboard.getImage());
        } else if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            useFile(clipboard.getFiles().get(0).toPath());
        } else if (clipboard.hasString() && looksLikeUrl(clipboard.getString())) {
            useUrl(clipboard.getString().strip());
        } else {
            field.inputProblemProperty().set(null);
            caption.setText("The clipboard holds no picture or URL.");
        }
    }

    private void askUrl() {
        TextInputDialog dialog = new TextInputDialog(looksLikeUrl(JsonValues.text(field.getValue()))
                ? JsonValues.text(field.getValue()) : "https://");
        dialog.setTitle("Picture URL");
        dialog.setHeaderText("The URL is sent as given; the server downloads it.");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.showAndWait().map(String::strip).filter(text -> !text.isEmpty()).ifPresent(this::useUrl);
    }

    /** Sets a URL (sent as given; the server downloads it). */
    public void useUrl(String url) {
        if (!looksLikeUrl(url)) {
            field.inputProblemProperty().set("\"" + url + "\" is not an http(s) URL.");
            return;
        }
        field.inputProblemProperty().set(null);
        field.valueProperty().set(TextNode.valueOf(url));
    }

    /** Reads a local picture in the background and sends it as a data URI (downscale offered when too big). */
    public void useFile(Path file) {
        offer.setVisible(false);
        caption.setText("Reading " + file.getFileName() + "…");
        executor.submit(() -> inputs.encode(file))
                .onSuccess(this::useEncoded)
                .onError(error -> {
                    if (error.cause() instanceof ImageInputs.TooLargeException tooLarge) {
                        offerDownscale(tooLarge);
                    } else {
                        caption.setText(error.message());
                    }
                });
    }

    private void offerDownscale(ImageInputs.TooLargeException tooLarge) {
        caption.setText(tooLarge.getMessage());
        Button downscale = new Button("Downscale", Icons.of(Feather.MINIMIZE_2, Icons.SMALL));
        downscale.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        downscale.setId("downscaleButton");
        downscale.setOnAction(event -> {
            offer.setVisible(false);
            caption.setText("Downscaling " + tooLarge.file().getFileName() + "…");
            executor.submit(() -> inputs.downscale(tooLarge.file()))
                    .onSuccess(this::useEncoded)
                    .onError(error -> caption.setText(error.message()));
        });
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        cancel.setOnAction(event -> {
            offer.setVisible(false);
            showValue(field.getValue(), null);
        });
        offer.getChildren().setAll(downscale, cancel);
        offer.setVisible(true);
    }

    private void useImage(Image image) {
        caption.setText("Encoding the pasted picture…");
        var buffered = SwingFXUtils.fromFXImage(image, null);
        executor.submit(() -> inputs.encode(buffered, "Pasted picture"))
                .onSuccess(this::useEncoded)
                .onError(error -> caption.setText(error.message()));
    }

    private void useEncoded(ImageInputs.Encoded encoded) {
        field.inputProblemProperty().set(null);
        field.valueProperty().set(TextNode.valueOf(encoded.dataUri()));
        showValue(field.getValue(), encoded);
    }

    private void showValue(JsonNode value, ImageInputs.Encoded encoded) {
        String text = JsonValues.text(value);
        if (text.equals(shownValue) && encoded == null) {
            return;
        }
        shownValue = text;
        thumbnail.setImage(null);
        if (encoded != null) {
            caption.setText(encoded.description());
            decodeThumbnail(encoded.bytes());
        } else if (text.startsWith("data:")) {
            caption.setText("Embedded picture · " + ImageInputs.megabytes(text.length() * 3L / 4));
            executor.submit(() -> Optional.ofNullable(ImageInputs.decodeDataUri(text)).orElse(new byte[0]))
                    .onSuccess(this::decodeThumbnail);
        } else if (looksLikeUrl(text)) {
            caption.setText(text);
            thumbnail.setImage(new Image(text, THUMB * 2, THUMB * 2, true, true, true));
        } else {
            caption.setText(text.isEmpty() ? "No picture" : text + "  (a file on the server)");
            Path folder = inputs.serverInputFolderProperty().get();
            if (!text.isEmpty() && folder != null) {
                executor.submit(() -> serverThumbnailBytes(folder, text)).onSuccess(this::decodeThumbnail);
            }
        }
    }

    /** The server's copy of the named file, read by the same rules as a chosen one; empty when it cannot be. */
    private byte[] serverThumbnailBytes(Path folder, String name) {
        Optional<Path> file = ImageInputs.serverFile(folder, name);
        if (file.isEmpty()) {
            return new byte[0];
        }
        try {
            return inputs.encode(file.get()).bytes();
        } catch (IOException | RuntimeException e) {
            return new byte[0]; // too large, not a picture or unreadable: the caption still names it
        }
    }

    private void decodeThumbnail(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        executor.submit(() -> new Image(new ByteArrayInputStream(bytes), THUMB * 2, THUMB * 2, true, true))
                .onSuccess(image -> {
                    if (!image.isError()) {
                        thumbnail.setImage(image);
                    }
                });
    }

    Label caption() {
        return caption;
    }

    static boolean looksLikeUrl(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        return (t.startsWith("http://") || t.startsWith("https://")) && !t.contains(" ");
    }
}
