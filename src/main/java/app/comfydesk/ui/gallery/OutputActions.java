package app.comfydesk.ui.gallery;

import app.comfydesk.ui.common.BackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;

/**
 * What a user can do with an output file. File and desktop work runs on the worker executor; the outcome comes back
 * as one sentence through the FX queue ("Saved to …", "Could not open …: reason").
 */
public final class OutputActions {

    /** Dragboard/clipboard format carrying the absolute path of a ComfyDesk output (for the form's image inputs). */
    public static final DataFormat OUTPUT_PATH = new DataFormat("application/x-comfydesk-output-path");

    private final BackgroundExecutor background;
    private final DesktopIntegration desktop;

    public OutputActions(BackgroundExecutor background, DesktopIntegration desktop) {
        this.background = background;
        this.desktop = desktop;
    }

    /** Copies the output to {@code target} (through a temporary file, so a failed copy leaves nothing behind). */
    public void saveAs(OutputItem item, Path target, Consumer<String> onMessage) {
        background.run(() -> {
            Path folder = target.toAbsolutePath().getParent();
            Path temporary = Files.createTempFile(folder, ".comfydesk-save", ".tmp");
            try {
                Files.copy(item.file(), temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }).onSuccess(done -> onMessage.accept("Saved " + target.getFileName()))
                .onError(error -> onMessage.accept("Could not save " + target.getFileName() + ": " + error));
    }

    /** Puts the picture (decoded off the FX thread) and the file itself on the system clipboard. */
    public void copyToClipboard(OutputItem item, Consumer<String> onMessage) {
        background.submit(() -> item.kind().isImage() ? MediaDecoder.decode(item.file()) : null)
                .onSuccess(image -> {
                    putOnClipboard(item, image);
                    onMessage.accept("Copied " + item.fileName());
                })
                .onError(error -> {
                    putOnClipboard(item, null);
                    onMessage.accept("Copied the file; its picture could not be decoded: " + error);
                });
    }

    private static void putOnClipboard(OutputItem item, Image image) {
        ClipboardContent content = new ClipboardContent();
        if (image != null) {
            content.putImage(image);
        }
        fill(content, item);
        Clipboard.getSystemClipboard().setContent(content);
    }

    public void openExternally(OutputItem item, Consumer<String> onMessage) {
        desktopCall(() -> desktop.open(item.file()), "open " + item.fileName(), onMessage);
    }

    public void showInFolder(Path file, Consumer<String> onMessage) {
        desktopCall(() -> desktop.showInFolder(file), "show " + file.getFileName() + " in its folder", onMessage);
    }

    /** Puts an output on a dragboard or clipboard content: a file list for other apps, the path for the form. */
    public static void fill(ClipboardContent content, OutputItem item) {
        content.putFiles(List.of(item.file().toFile()));
        content.put(OUTPUT_PATH, item.file().toAbsolutePath().toString());
    }

    private void desktopCall(BackgroundExecutor.ThrowingRunnable call, String what, Consumer<String> onMessage) {
        background.run(call).onError(error -> onMessage.accept("Could not " + what + ": " + error));
    }
}
