package app.comfydesk.ui.jobs;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/**
 * The monitor's part of the status bar: "● connected · api.runcomfy.net · last poll 0.8 s ago · 3 running ·
 * 1 queued". The app puts it into {@code MainWindow.statusItems()}.
 */
public final class StatusBarView extends HBox {

    private final JobMonitorViewModel model;
    private final Circle dot = new Circle(4);
    private final Label connection = new Label();
    private final Label lastPoll = new Label();
    private final Label counts = new Label();

    public StatusBarView(JobMonitorViewModel model) {
        super(8);
        this.model = model;
        setId("jobStatusBar");
        getStyleClass().add("job-status-bar");
        setAlignment(Pos.CENTER_RIGHT);
        dot.getStyleClass().add("connection-dot");
        connection.setId("connectionLabel");
        lastPoll.setId("lastPollLabel");
        counts.setId("jobCountsLabel");
        getChildren().addAll(dot, connection, lastPoll, counts);
        InvalidationListener update = obs -> update();
        model.connectionProperty().addListener(update);
        model.nowProperty().addListener(update);
        model.runningCountProperty().addListener(update);
        model.queuedCountProperty().addListener(update);
        update();
    }

    private void update() {
        ConnectionStatus status = model.connectionProperty().get();
        boolean online = status == null || status.online();
        dot.getStyleClass().setAll("connection-dot", !online ? "offline"
                : status == null || status.lastPoll() == null ? "unknown" : "online");
        String host = status == null || status.host() == null || status.host().isBlank() ? ""
                : " · " + hostOf(status.host());
        Instant last = status == null ? null : status.lastPoll();
        // "Connected" only once the API has answered; before that (or with nothing to poll) it is just ready.
        String state = !online ? "offline" : last == null ? "ready" : "connected";
        connection.setText(state + host);
        lastPoll.setText(last == null ? "" : "· last poll " + ago(last, model.nowProperty().get()));
        counts.setText("· " + model.runningCountProperty().get() + " running · "
                + model.queuedCountProperty().get() + " queued");
    }

    /** "https://api.runcomfy.net/" reads as "api.runcomfy.net"; a bare host stays as it is. */
    static String hostOf(String address) {
        try {
            String host = java.net.URI.create(address.strip()).getHost();
            return host == null ? address : host;
        } catch (IllegalArgumentException e) {
            return address;
        }
    }

    private static String ago(Instant then, Instant now) {
        long millis = Math.max(0, Duration.between(then, now).toMillis());
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.0f s ago", Math.floor(millis / 1000.0));
        }
        return Formats.duration(Duration.ofMillis(millis)) + " ago";
    }
}
