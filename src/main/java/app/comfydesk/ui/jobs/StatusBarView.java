package app.comfydesk.ui.jobs;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The monitor's part of the status bar: "● connected · api.runcomfy.net · last poll 0.8 s ago · 3 running ·
 * 1 queued". The app puts it into {@code MainWindow.statusItems()}.
 */
public final class StatusBarView extends HBox {

    /** The window's status bar is outside the monitor's views, so the bar brings the monitor's rules itself. */
    static final String STYLESHEET = StatusBarView.class.getResource("/app/comfydesk/ui/monitor.css").toExternalForm();

    private final JobMonitorViewModel model;
    private final Circle dot = new Circle(4);
    private final Label connection = new Label();
    private final Label lastPoll = new Label();
    private final Label counts = new Label();

    public StatusBarView(JobMonitorViewModel model) {
        // No spacing: each part brings its own " · " so the separators read evenly.
        super(0);
        this.model = model;
        setId("jobStatusBar");
        getStyleClass().add("job-status-bar");
        getStylesheets().add(STYLESHEET);
        setAlignment(Pos.CENTER_RIGHT);
        dot.getStyleClass().add("connection-dot");
        connection.setId("connectionLabel");
        connection.setGraphic(dot);
        connection.setGraphicTextGap(6);
        lastPoll.setId("lastPollLabel");
        counts.setId("jobCountsLabel");
        lastPoll.managedProperty().bind(lastPoll.textProperty().isNotEmpty());
        lastPoll.visibleProperty().bind(lastPoll.managedProperty());
        getChildren().addAll(connection, lastPoll, counts);
        InvalidationListener update = obs -> update();
        model.connectionProperty().addListener(update);
        model.nowProperty().addListener(update);
        model.runningCountProperty().addListener(update);
        model.queuedCountProperty().addListener(update);
        update();
    }

    /** Adds the account's balance ("· balance $12.34") and, when funds are low, a "Top up" link. */
    void showBalance(BalanceModel balance) {
        Label figure = new Label();
        figure.setId("balanceLabel");
        figure.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                balance.textProperty().get().isEmpty() ? "" : " · " + balance.textProperty().get(),
                balance.textProperty()));
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(balance.detailProperty());
        figure.setTooltip(tip);
        figure.setMinWidth(Region.USE_PREF_SIZE);   // a cut figure ("$100…") would mislead
        figure.managedProperty().bind(figure.textProperty().isNotEmpty());
        figure.visibleProperty().bind(figure.managedProperty());
        javafx.scene.control.Hyperlink topUp = new javafx.scene.control.Hyperlink("Top up");
        topUp.setId("topUpLink");
        topUp.setTooltip(new javafx.scene.control.Tooltip("Your RunComfy balance is too low to run jobs (10001): "
                + "top it up at " + BalanceModel.TOP_UP_URL));
        topUp.setOnAction(event -> balance.topUp());
        topUp.managedProperty().bind(balance.lowFundsProperty());
        topUp.visibleProperty().bind(topUp.managedProperty());
        topUp.getStyleClass().add("top-up-link");
        getChildren().addAll(figure, topUp);
    }

    private void update() {
        ConnectionStatus status = model.connectionProperty().get();
        boolean online = status == null || status.online();
        dot.getStyleClass().setAll("connection-dot", !online ? "offline"
                : status == null || status.lastPoll() == null ? "unknown" : "online");
        int running = model.runningCountProperty().get();
        int queued = model.queuedCountProperty().get();
        connection.setText(connectionText(status));
        lastPoll.setText(lastPollText(status, model.nowProperty().get(), running + queued > 0));
        counts.setText(countsText(running, queued));
    }

    /** "connected · api.runcomfy.net", "ready", "offline · host". */
    static String connectionText(ConnectionStatus status) {
        boolean online = status == null || status.online();
        String host = status == null || status.host() == null || status.host().isBlank() ? ""
                : " · " + hostOf(status.host());
        // "Connected" only once the API has answered; before that (or with nothing to poll) it is just ready.
        String state = !online ? "offline" : status == null || status.lastPoll() == null ? "ready" : "connected";
        return state + host;
    }

    /**
     * " · last poll 2 s ago" only while jobs are being polled: with nothing unfinished the poller rests, and a
     * clock counting up from the last poll would look like a stall.
     */
    static String lastPollText(ConnectionStatus status, Instant now, boolean polling) {
        Instant last = status == null ? null : status.lastPoll();
        return last == null || !polling || now == null ? "" : " · last poll " + ago(last, now);
    }

    /** " · 1 running · 2 queued", or " · idle" when nothing is unfinished. */
    static String countsText(int running, int queued) {
        return running + queued == 0 ? " · idle" : " · " + running + " running · " + queued + " queued";
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
