package app.comfydesk.ui.common;

import app.comfydesk.jobs.Job;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Asks before quitting while jobs are unfinished, and says what happens to them: jobs on RunComfy keep running
 * there and are picked up (status, outputs) at the next start; jobs on the built-in sandbox pause with the app
 * (the sandbox runs inside it) and resume at the next start, because the sandbox keeps their requests on disk.
 */
public final class QuitConfirmation {

    /** Unfinished jobs at the moment of quitting, by where they run. */
    public record RunningJobs(int onRunComfy, int onSandbox) {
        public static final RunningJobs NONE = new RunningJobs(0, 0);

        public int total() {
            return onRunComfy + onSandbox;
        }

        /** Counts the engine's unfinished jobs ({@code JobEngine.unfinishedJobs()}) by where they run. */
        public static RunningJobs of(Collection<Job> unfinished, Predicate<Job> runsOnSandbox) {
            int sandbox = (int) unfinished.stream().filter(runsOnSandbox).count();
            return new RunningJobs(unfinished.size() - sandbox, sandbox);
        }
    }

    private QuitConfirmation() {
    }

    /**
     * Asks on the window's close request while {@code running} reports unfinished jobs; a "Keep open" answer
     * consumes the request. Added as a handler, so it works next to the window's own {@code onCloseRequest}.
     */
    public static void install(Stage stage, Supplier<RunningJobs> running) {
        install(stage, running, () -> null);
    }

    /** @param note one more paragraph for the question when it is asked (kept form edits), or null */
    public static void install(Stage stage, Supplier<RunningJobs> running, Supplier<String> note) {
        install(stage, running, note, message -> confirm(stage, message));
    }

    static void install(Stage stage, Supplier<RunningJobs> running, Predicate<String> askToQuit) {
        install(stage, running, () -> null, askToQuit);
    }

    static void install(Stage stage, Supplier<RunningJobs> running, Supplier<String> note,
                        Predicate<String> askToQuit) {
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> {
            String extra = note.get();
            Optional<String> message = message(running.get())
                    .map(text -> extra == null || extra.isBlank() ? text : text + "\n\n" + extra);
            if (message.isPresent() && !askToQuit.test(message.get())) {
                event.consume();
            }
        });
    }

    /** What to tell the user, or empty when no job is unfinished. */
    public static Optional<String> message(RunningJobs running) {
        if (running.total() <= 0) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        if (running.onRunComfy() > 0) {
            text.append(jobs(running.onRunComfy())).append(running.onRunComfy() == 1 ? " is" : " are")
                    .append(" still running on RunComfy. ")
                    .append(running.onRunComfy() == 1 ? "It continues" : "They continue")
                    .append(" there and will be picked up, outputs and all, when you next start ComfyDesk.");
        }
        if (running.onSandbox() > 0) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(jobs(running.onSandbox())).append(" on the built-in sandbox ")
                    .append(running.onSandbox() == 1 ? "pauses" : "pause")
                    .append(" while ComfyDesk is closed and ")
                    .append(running.onSandbox() == 1 ? "resumes" : "resume")
                    .append(" when you next start it: the sandbox keeps the requests.");
        }
        return Optional.of(text.toString());
    }

    private static String jobs(int count) {
        return count == 1 ? "1 job" : count + " jobs";
    }

    private static boolean confirm(Window owner, String message) {
        ButtonType quit = new ButtonType("Quit", ButtonBar.ButtonData.OK_DONE);
        ButtonType keepOpen = new ButtonType("Keep open", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, quit, keepOpen);
        alert.initOwner(owner);
        alert.setTitle("Quit ComfyDesk");
        alert.setHeaderText("Quit while jobs are running?");
        alert.getDialogPane().setId("quitConfirmation");
        return alert.showAndWait().filter(quit::equals).isPresent();
    }
}
