package app.comfydesk.ui.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A text output in the viewer (#textOutput): the node's strings as saved, selectable, read only. A file larger
 * than {@link #MAX_CHARS} characters shows its beginning and says that it was cut.
 */
final class TextOutputView extends VBox {

    /** The most text shown in the viewer (a text output is a caption or a list of tags, not a book). */
    static final int MAX_CHARS = 256 * 1024;

    TextOutputView(String fileName, String text) {
        super(6);
        setPadding(new Insets(12));
        Label name = new Label(fileName);
        name.getStyleClass().add("file-card-name");
        TextArea area = new TextArea(text);
        area.setId("textOutput");
        area.setEditable(false);
        area.setWrapText(true);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().addAll(name, area);
    }

    /** Reads at most {@link #MAX_CHARS} characters (UTF-8); off the FX thread. */
    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_CHARS * 4 + 1);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.length() > MAX_CHARS || bytes.length > MAX_CHARS * 4) {
                return text.substring(0, Math.min(text.length(), MAX_CHARS)) + "\n… (cut at " + MAX_CHARS
                        + " characters; open the file to see the rest)";
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
