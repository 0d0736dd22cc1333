package app.comfydesk.ui;

import javafx.application.Application;

/** Starts the JavaFX window; the only way {@code app.comfydesk.Launcher} reaches JavaFX. */
public final class GuiMain {

    private GuiMain() {
    }

    /** Launches {@link ComfyDeskApp} with the raw arguments (e.g. {@code --exit-after-first-frame}); blocks. */
    public static void launch(String[] args) {
        warmUpInBackground();
        Application.launch(ComfyDeskApp.class, args);
    }

    /**
     * Logging's set-up and the JSON machinery load about a thousand classes that {@code init()} and the first frame
     * need; loading them on a second core while the toolkit starts takes them off the path to the first frame.
     */
    private static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            org.slf4j.LoggerFactory.getLogger(GuiMain.class);
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("warm", true).toString();
        }, "start-up warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }
}
