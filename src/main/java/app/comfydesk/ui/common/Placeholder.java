package app.comfydesk.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

/** A quiet "nothing here yet" panel: an icon, a title and a hint. */
public final class Placeholder extends VBox {

    public Placeholder(Ikon ikon, String title, String hint) {
        super(6);
        getStyleClass().add("placeholder");
        setAlignment(Pos.CENTER);
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("placeholder-title");
        Label hintLabel = new Label(hint);
        hintLabel.getStyleClass().add("placeholder-hint");
        hintLabel.setWrapText(true);
        getChildren().addAll(Icons.of(ikon, 32), titleLabel, hintLabel);
    }
}
