package app.comfydesk.ui.workflow;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobListener;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.FxBatcher;
import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A minimal list of this session's jobs, newest first, fed by the engine's events through one coalescing FX bridge.
 * It stands in until the job monitor's table (#jobTable) is plugged into the window's jobs slot.
 */
public final class RecentJobsView extends VBox implements JobListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ListView<Job> list = new ListView<>();
    private final Map<Long, Job> byId = new HashMap<>();
    private final FxBatcher<Job> bridge = FxBatcher.coalescing(Job::id, this::apply);

    public RecentJobsView() {
        setId("recentJobs");
        getStyleClass().add("recent-jobs");
        Label title = new Label("JOBS");
        title.getStyleClass().add("area-heading");
        list.getStyleClass().addAll(Styles.DENSE, "recent-jobs-list");
        list.setPlaceholder(new Label("Jobs you generate appear here."));
        list.setCellFactory(view -> new JobCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
    }

    @Override
    public void onJobEvent(JobEvent event) {
        if (event.job() != null) {
            bridge.post(event.job());
        }
    }

    public List<Job> jobs() {
        return List.copyOf(list.getItems());
    }

    private void apply(List<Job> batch) {
        for (Job job : batch) {
            Job old = byId.put(job.id(), job);
            if (old == null) {
                list.getItems().add(0, job);
            } else {
                int index = list.getItems().indexOf(old);
                if (index >= 0) {
                    list.getItems().set(index, job);
                }
            }
        }
    }

    static String statusText(Job job) {
        JobStatus status = job.status();
        String text = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (status == JobStatus.QUEUED && job.queuePosition() != null) {
            text += " #" + job.queuePosition();
        }
        return text;
    }

    private static final class JobCell extends ListCell<Job> {
        @Override
        protected void updateItem(Job job, boolean empty) {
            super.updateItem(job, empty);
            if (empty || job == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label chip = new Label(statusText(job));
            chip.getStyleClass().addAll("status-chip", "status-" + job.status().name().toLowerCase(Locale.ROOT));
            Label time = new Label(TIME.format(job.createdAt()));
            time.getStyleClass().add(Styles.TEXT_MUTED);
            Label prompt = new Label(job.promptSnippet() == null ? job.workflowSource() : job.promptSnippet());
            prompt.setMinWidth(0);
            HBox.setHgrow(prompt, Priority.ALWAYS);
            prompt.setMaxWidth(Double.MAX_VALUE);
            Region spacer = new Region();
            Label id = new Label(job.requestId() == null ? "" : job.requestId().substring(0,
                    Math.min(8, job.requestId().length())));
            id.getStyleClass().addAll(Styles.TEXT_MUTED, "mono");
            HBox row = new HBox(10, chip, time, prompt, spacer, id);
            row.setAlignment(Pos.CENTER_LEFT);
            if (job.errorMessage() != null) {
                Label error = new Label(job.errorMessage());
                error.getStyleClass().add(Styles.DANGER);
                error.setWrapText(true);
                setGraphic(new VBox(2, row, error));
            } else {
                setGraphic(row);
            }
            setText(null);
        }
    }
}
