package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.MessageBar;

/**
 * Where the studio's view models say what happened: the status line and the message bar. An interface so that
 * the view models hold no Node; {@link #of(MainWindow)} is the window's own.
 */
interface StudioFeedback {

    void status(String text);

    void show(MessageBar.Kind kind, String title, String text);

    void clearMessage();

    /** The message bar's current text (the "Cannot generate yet" banner checks it is still its own). */
    String currentMessage();

    static StudioFeedback of(MainWindow window) {
        return new StudioFeedback() {
            @Override
            public void status(String text) {
                window.setStatusMessage(text);
            }

            @Override
            public void show(MessageBar.Kind kind, String title, String text) {
                window.messageBar().show(kind, title, text);
            }

            @Override
            public void clearMessage() {
                window.messageBar().clear();
            }

            @Override
            public String currentMessage() {
                return window.messageBar().currentText();
            }
        };
    }
}
