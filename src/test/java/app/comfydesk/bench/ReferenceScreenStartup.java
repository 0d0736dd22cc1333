package app.comfydesk.bench;

import app.comfydesk.ui.common.FirstWindowBounds;
import app.comfydesk.ui.common.StartupProbe;
import app.comfydesk.ui.common.Theme;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The second yardstick for "workflow shown": ComfyDesk's first screen redone in plain JavaFX with none of the app
 * behind it (no models, services, icons, listeners or outline frame), everything built in {@code start} and drawn
 * in one frame. Same theme, window size, class path and JVM as the app. Its first frame is the least any JavaFX
 * app needs to draw a screen with these kinds of controls (toolbar combos and a spinner, a virtual list of input
 * rows with prompt text areas, combos, number fields and sliders, split panes, status bar), so
 * {@code packaging/startup-bench.sh} prints it beside the bare window and ComfyDesk.
 */
public final class ReferenceScreenStartup {

    private ReferenceScreenStartup() {
    }

    public static void main(String[] args) {
        Application.launch(ReferenceScreen.class, args);
    }

    /** The plain-JavaFX first screen. */
    public static final class ReferenceScreen extends Application {
        @Override
        public void start(Stage stage) {
            Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
            BorderPane window = new BorderPane(mainSplit(), toolbar(), null, statusBar(), null);
            stage.setTitle("Reference screen");
            Scene scene = new Scene(window, FirstWindowBounds.LARGE_WIDTH, FirstWindowBounds.LARGE_HEIGHT);
            scene.getStylesheets().add(ReferenceScreenStartup.class.getResource("/app/comfydesk/ui/comfydesk.css")
                    .toExternalForm());
            stage.setScene(scene);
            StartupProbe.attachIfRequested(stage, getParameters().getRaw());
            stage.show();
        }

        private static Node toolbar() {
            ComboBox<String> profile = combo(false, "Built-in sandbox", "RunComfy");
            ComboBox<String> mode = combo(false, "Generate", "Batch", "Sweep");
            Spinner<Integer> batch = new Spinner<>(1, 64, 1);
            batch.setPrefWidth(80);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            return new HBox(8, new MenuButton("☰"), new Label("ComfyDesk"), profile, new Label("text-to-image"),
                    new MenuButton("Workflow"), new MenuButton("Presets"), spacer, mode, batch, new Button("Generate"));
        }

        private static Node mainSplit() {
            ListView<Row> form = new ListView<>(FXCollections.observableArrayList(rows()));
            form.getStyleClass().add("form-list");
            form.setCellFactory(list -> new RowCell(list));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            VBox formPane = new VBox(6, new HBox(6, new TextField(), spacer, new Button("Show all"),
                    new Button("Reset all"), new Button("Request")), form);
            VBox.setVgrow(form, Priority.ALWAYS);
            SplitPane right = new SplitPane(new StackPane(new Label("No jobs yet")),
                    new StackPane(new Label("No pictures yet")));
            right.setOrientation(Orientation.VERTICAL);
            SplitPane main = new SplitPane(formPane, right);
            main.setDividerPositions(0.42);
            return main;
        }

        private static Node statusBar() {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            return new HBox(12, new Label("Ready"), spacer, new Label("sandbox · idle"), new Button("☾"));
        }

        /** The sample workflow's inputs in the order the app lists them: prompts, then one section per node. */
        private static List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(Kind.HEADING, "Prompts", null));
            rows.add(new Row(Kind.PROMPT, "positive", "beautiful scenery nature glass bottle landscape, galaxy"));
            rows.add(new Row(Kind.PROMPT, "negative", "text, watermark"));
            rows.add(new Row(Kind.HEADING, "KSampler", null));
            rows.add(new Row(Kind.NUMBER, "seed", "156680208700286"));
            rows.add(new Row(Kind.SLIDER, "steps", "20"));
            rows.add(new Row(Kind.NUMBER, "cfg", "8"));
            rows.add(new Row(Kind.COMBO, "sampler_name", "euler"));
            rows.add(new Row(Kind.COMBO, "scheduler", "normal"));
            rows.add(new Row(Kind.NUMBER, "denoise", "1"));
            rows.add(new Row(Kind.HEADING, "Load Checkpoint", null));
            rows.add(new Row(Kind.COMBO, "ckpt_name", "v1-5-pruned-emaonly.safetensors"));
            rows.add(new Row(Kind.HEADING, "Empty Latent Image", null));
            rows.add(new Row(Kind.NUMBER, "width", "512"));
            rows.add(new Row(Kind.NUMBER, "height", "512"));
            rows.add(new Row(Kind.SLIDER, "batch_size", "1"));
            rows.add(new Row(Kind.HEADING, "Save Image", null));
            rows.add(new Row(Kind.TEXT, "filename_prefix", "ComfyUI"));
            return rows;
        }

        private static ComboBox<String> combo(boolean editable, String... options) {
            ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList(options));
            combo.setEditable(editable);
            combo.setValue(options[0]);
            return combo;
        }
    }

    private enum Kind { HEADING, PROMPT, NUMBER, SLIDER, COMBO, TEXT }

    private record Row(Kind kind, String name, String value) {
    }

    /** One input row: name, editor, the reset button's slot; a heading for a node. */
    private static final class RowCell extends ListCell<Row> {
        private final ListView<Row> list;

        RowCell(ListView<Row> list) {
            this.list = list;
            getStyleClass().add("form-cell"); // the app's input styles
            setPrefWidth(0); // as the app's form: rows take the list's width instead of scrolling sideways
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            if (row.kind() == Kind.HEADING) {
                setGraphic(new HBox(6, new Label("▾"), new Label(row.name())));
                return;
            }
            Node editor = switch (row.kind()) {
                case PROMPT -> {
                    TextArea area = new TextArea(row.value());
                    area.setWrapText(true);
                    area.setPrefRowCount(4);
                    yield area;
                }
                case SLIDER -> new HBox(6, new Slider(1, 100, Double.parseDouble(row.value())),
                        new TextField(row.value()));
                case COMBO -> combo(row.value());
                default -> new TextField(row.value());
            };
            HBox.setHgrow(editor, Priority.ALWAYS);
            Label name = new Label(row.name());
            name.setPrefWidth(118);
            // The app keeps a slot for an input's reset button and fills it on the first change.
            Region resetSlot = new Region();
            resetSlot.setPrefWidth(31);
            HBox line = new HBox(8, name, editor, resetSlot);
            line.prefWidthProperty().bind(list.widthProperty().subtract(30));
            setGraphic(line);
        }

        /** As the app's form cell: the row's height at its width, so a prompt gets its four lines. */
        @Override
        protected double computePrefHeight(double width) {
            if (getGraphic() instanceof Region region && region.getPrefWidth() > 0) {
                return snappedTopInset() + region.prefHeight(region.getPrefWidth()) + snappedBottomInset();
            }
            return super.computePrefHeight(width);
        }

        private static Node combo(String value) {
            ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList(value, "other"));
            combo.setEditable(true);
            combo.setValue(value);
            combo.setMaxWidth(Double.MAX_VALUE);
            return combo;
        }
    }
}
