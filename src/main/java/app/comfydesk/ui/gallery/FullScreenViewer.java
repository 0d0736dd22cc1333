package app.comfydesk.ui.gallery;

import app.comfydesk.ui.common.BackgroundExecutor;
import java.util.function.Consumer;
import javafx.animation.FadeTransition;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The gallery's full-screen window: the selected output on its own {@link Viewport}, following the selection; in
 * A/B mode both pictures with the main viewer's split. Esc (or F, F11) closes it, arrows keep navigating, the
 * rating keys work as in the gallery.
 */
final class FullScreenViewer {

    private FullScreenViewer() {
    }

    /**
     * @param main  the gallery's main viewer, whose compare picture and split the window shows
     * @param owner the gallery's scene (its stylesheets carry the theme), or null when it is not shown
     */
    static Stage show(GalleryViewModel model, ImageViewer main, BackgroundExecutor background,
            Consumer<OutputItem> openExternally, Scene owner) {
        OutputViewer fullViewer = new OutputViewer(new Viewport(), background, openExternally);
        fullViewer.setId("fullScreenViewer");
        fullViewer.itemProperty().bind(model.selectedProperty());
        // In A/B mode full screen shows both pictures and the same split, not image A alone.
        fullViewer.imageViewer().compareImageProperty().bind(main.compareImageProperty());
        fullViewer.imageViewer().splitProperty().bindBidirectional(main.splitProperty());
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner.getWindow());
        }
        // The exit hint is ours, not the stage's: JavaFX's own full-screen hint keeps animating after a window that
        // is closed within its first seconds and then fails on the FX thread.
        Label exitHint = new Label("Esc to leave full screen");
        exitHint.getStyleClass().add("full-screen-hint");
        exitHint.setMouseTransparent(true);
        StackPane.setAlignment(exitHint, Pos.TOP_CENTER);
        FadeTransition fade = new FadeTransition(javafx.util.Duration.millis(600), exitHint);
        fade.setDelay(javafx.util.Duration.seconds(2.5));
        fade.setToValue(0);
        fade.play();
        Scene scene = new Scene(new StackPane(fullViewer, exitHint), 1200, 800);
        scene.getStylesheets().add(GalleryView.STYLESHEET);
        if (owner != null) {
            scene.getStylesheets().addAll(owner.getStylesheets());
        }
        fullViewer.getStyleClass().add("full-screen-viewer");
        scene.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            switch (event.getCode()) {
                case ESCAPE, F, F11 -> stage.close();
                case LEFT -> model.previous();
                case RIGHT -> model.next();
                case DIGIT0 -> fullViewer.imageViewer().fit();
                case Z -> fullViewer.imageViewer().actualSize();
                default -> {
                    if (!RatingKeys.handle(event, model, model.selectedProperty().get())) {
                        return;
                    }
                }
            }
            event.consume();
        });
        stage.fullScreenProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                stage.close();
            }
        });
        stage.setOnHidden(event -> {
            fade.stop();
            fullViewer.itemProperty().unbind();
            fullViewer.imageViewer().compareImageProperty().unbind();
            fullViewer.imageViewer().splitProperty().unbindBidirectional(main.splitProperty());
        });
        stage.setTitle(model.selectedProperty().get().fileName());
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        stage.show();
        return stage;
    }
}
