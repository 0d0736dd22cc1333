package app.comfydesk.ui.gallery;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Hands files to the operating system. Calls block; {@link OutputActions} runs them on a worker thread. */
public interface DesktopIntegration {

    /** Opens the file in the system's default application. */
    void open(Path file) throws IOException;

    /** Opens the folder that holds the file, selecting it where the platform can. */
    void showInFolder(Path file) throws IOException;

    /** The real desktop: {@link Desktop} where it works, else the platform's opener command. */
    static DesktopIntegration system() {
        return new DesktopIntegration() {
            @Override
            public void open(Path file) throws IOException {
                if (desktopSupports(Desktop.Action.OPEN)) {
                    Desktop.getDesktop().open(file.toFile());
                } else {
                    launch(opener(), file.toString());
                }
            }

            @Override
            public void showInFolder(Path file) throws IOException {
                if (desktopSupports(Desktop.Action.BROWSE_FILE_DIR)) {
                    Desktop.getDesktop().browseFileDirectory(file.toFile());
                    return;
                }
                String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
                if (os.contains("win")) {
                    launch("explorer.exe", "/select," + file);
                } else if (os.contains("mac")) {
                    launch("open", "-R", file.toString());
                } else {
                    Path folder = file.toFile().isDirectory() ? file : file.getParent();
                    launch(opener(), String.valueOf(folder));
                }
            }

            private boolean desktopSupports(Desktop.Action action) {
                return !GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                        && Desktop.getDesktop().isSupported(action);
            }

            private String opener() {
                String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
                return os.contains("mac") ? "open" : os.contains("win") ? "explorer.exe" : "xdg-open";
            }

            private void launch(String... command) throws IOException {
                new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            }
        };
    }
}
