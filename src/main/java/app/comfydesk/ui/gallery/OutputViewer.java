package app.comfydesk.ui.gallery;

import app.comfydesk.ui.common.BackgroundExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.animation.PauseTransition;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows one output whatever it is: a still image in an {@link ImageViewer} (decoded on a worker thread), a video in a
 * {@link MediaView}, or a file card with "Open externally" for formats nothing here can decode.
 */
public final class OutputViewer extends StackPane {

    private final ObjectProperty<OutputItem> item = new SimpleObjectProperty<>(this, "item");
    private final ImageViewer imageViewer;
    private final BackgroundExecutor background;
    private final Consumer<OutputItem> openExternally;
    private final ProgressIndicator progress = new ProgressIndicator();
    /**
     * The spinner shows only for a decode that takes a while: most take a few milliseconds, and a spinner put into
     * the scene for each (as a sweep's outputs arrive one after another) cost the studio window a long pulse each.
     */
    private final PauseTransition slowDecode = new PauseTransition(javafx.util.Duration.millis(300));
    private final MediaView mediaView = new MediaView();
    private final StackPane videoPane = new StackPane(mediaView);
    private final VBox card = new VBox(10);
    private final Label emptyLabel = new Label("Select an output to view it");
    private long generation;

    public OutputViewer(Viewport viewport, BackgroundExecutor background, Consumer<OutputItem> openExternally) {
        this.imageViewer = new ImageViewer(viewport);
        this.background = background;
        this.openExternally = openExternally;
        getStyleClass().add("output-viewer");
        progress.setMaxSize(48, 48);
        progress.setVisible(false);
        slowDecode.setOnFinished(event -> progress.setVisible(true));
        card.getStyleClass().add("file-card");
        card.setAlignment(Pos.CENTER);
        card.setMaxSize(360, 220);
        videoPane.getStyleClass().add("video-pane");
        mediaView.fitWidthProperty().bind(videoPane.widthProperty());
        mediaView.fitHeightProperty().bind(videoPane.heightProperty());
        mediaView.setPreserveRatio(true);
        emptyLabel.getStyleClass().add("viewer-empty");
        setMinSize(0, 0);
        item.addListener((obs, old, now) -> show(now));
        show(null);
    }

    public ObjectProperty<OutputItem> itemProperty() {
        return item;
    }

    public ImageViewer imageViewer() {
        return imageViewer;
    }

    /** The decoded picture shown now, or null (video, card, loading). */
    public Image image() {
        return imageViewer.imageProperty().get();
    }

    private void show(OutputItem output) {
        long current = ++generation;
        stopVideo();
        slowDecode.stop();
        progress.setVisible(false);
        imageViewer.imageProperty().set(null);
        if (output == null) {
            showOnly(emptyLabel);
            return;
        }
        switch (output.kind()) {
            case IMAGE, IMAGEIO_IMAGE -> {
                showOnly(imageViewer, progress);
                slowDecode.playFromStart();
                background.submit(() -> MediaDecoder.decode(output.file()))
                        .onSuccess(decoded -> {
                            if (current == generation) {
                                slowDecode.stop();
                                progress.setVisible(false);
                                imageViewer.imageProperty().set(decoded);
                            }
                        })
                        .onError(error -> {
                            if (current == generation) {
                                slowDecode.stop();
                                showCard(output, "Cannot show this picture: " + error);
                            }
                        });
            }
            case VIDEO -> showVideo(output);
            case TEXT -> background.submit(() -> TextOutputView.read(output.file())).onSuccess(text -> {
                if (current == generation) {
                    getChildren().setAll(new TextOutputView(output.fileName(), text));
                }
            }).onError(error -> {
                if (current == generation) {
                    showCard(output, "Cannot read this text: " + error.message());
                }
            });
            case OTHER -> showCard(output, "No preview for this kind of file");
        }
    }

    /** Replaces the children only when they change: nodes taken out and put back have their CSS applied again. */
    private void showOnly(Node... nodes) {
        if (!getChildren().equals(java.util.List.of(nodes))) {
            getChildren().setAll(nodes);
        }
    }

    private void showVideo(OutputItem output) {
        try {
            MediaPlayer player = new MediaPlayer(new Media(output.file().toUri().toString()));
            player.setMute(true);
            player.setCycleCount(MediaPlayer.INDEFINITE);
            player.setAutoPlay(true);
            player.setOnError(() -> showCard(output, "Cannot play this video: " + player.getError().getMessage()));
            mediaView.setMediaPlayer(player);
            Button playPause = new Button(null, new FontIcon(Feather.PAUSE));
            playPause.getStyleClass().addAll("video-toggle", "button-circle");
            playPause.setOnAction(event -> {
                boolean playing = player.getStatus() == MediaPlayer.Status.PLAYING;
                if (playing) {
                    player.pause();
                } else {
                    player.play();
                }
                playPause.setGraphic(new FontIcon(playing ? Feather.PLAY : Feather.PAUSE));
            });
            StackPane.setAlignment(playPause, Pos.BOTTOM_CENTER);
            getChildren().setAll(videoPane, playPause);
        } catch (MediaException | UnsupportedOperationException | IllegalStateException e) {
            showCard(output, "Cannot play this video here: " + e.getMessage());
        }
    }

    private void showCard(OutputItem output, String why) {
        stopVideo();
        FontIcon icon = new FontIcon(output.kind() == MediaKind.VIDEO ? Feather.FILM : Feather.FILE);
        icon.getStyleClass().add("file-card-icon");
        Label name = new Label(output.fileName());
        name.getStyleClass().add("file-card-name");
        Label size = new Label();
        size.getStyleClass().add("file-card-detail");
        background.submit(() -> sizeOf(output)).onSuccess(size::setText); // a stat is I/O: not on the FX thread
        Label reason = new Label(why);
        reason.getStyleClass().add("file-card-detail");
        reason.setWrapText(true);
        Button open = new Button("Open externally", new FontIcon(Feather.EXTERNAL_LINK));
        open.setId("openExternallyButton");
        open.setOnAction(event -> openExternally.accept(output));
        card.getChildren().setAll(icon, name, size, reason, open);
        getChildren().setAll(card);
    }

    private static String sizeOf(OutputItem output) {
        try {
            long bytes = Files.size(output.file());
            return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB" : String.format("%.1f MB", bytes / 1048576.0);
        } catch (IOException e) {
            return "missing on disk";
        }
    }

    private void stopVideo() {
        MediaPlayer player = mediaView.getMediaPlayer();
        if (player != null) {
            mediaView.setMediaPlayer(null);
            player.dispose();
        }
    }
}
