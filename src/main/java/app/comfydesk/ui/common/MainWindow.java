package app.comfydesk.ui.common;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window's shell: toolbar, message bar, form column on the left, jobs above pictures on the right, status bar.
 * It holds slots, not features: the composition root plugs each feature's view into its slot, so the studio,
 * the job monitor and the gallery are built and tested independently.
 *
 * <pre>
 * [☰ ComfyDesk] [profile slot] [workflow slot]            [submit slot]
 * [message bar]
 * [form slot            | jobs slot                        ]
 * [                     |----------------------------------]
 * [                     | gallery slot                     ]
 * [status message                              status items]
 * </pre>
 */
public final class MainWindow {

    /** Where the dividers start out, as a fraction of the window: the form column, then the jobs pane's height. */
    public static final double DEFAULT_FORM_FRACTION = 0.36;
    public static final double DEFAULT_JOBS_FRACTION = 0.45;

    private final BorderPane root = new BorderPane();
    private final MenuButton appMenu = new MenuButton();
    private final HBox profileSlot = slot("profile-slot");
    private final HBox workflowSlot = slot("workflow-slot");
    private final HBox submitSlot = slot("submit-slot");
    private final MessageBar messageBar = new MessageBar();
    private final ObjectProperty<Node> formView = new SimpleObjectProperty<>(this, "formView");
    private final ObjectProperty<Node> jobsView = new SimpleObjectProperty<>(this, "jobsView");
    private final ObjectProperty<Node> galleryView = new SimpleObjectProperty<>(this, "galleryView");
    private final Label statusMessage = new Label();
    private final HBox statusItems = new HBox(12);
    private final BooleanProperty placeholdersShown = new SimpleBooleanProperty(this, "placeholdersShown", true);
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane rightSplit = new SplitPane();

    public MainWindow() {
        root.setId("mainWindow");
        root.getStyleClass().add("main-window");

        appMenu.setGraphic(Icons.of(Feather.MENU));
        appMenu.setId("appMenu");
        appMenu.getStyleClass().addAll("flat", "app-menu", "no-arrow");
        appMenu.setAccessibleText("Menu");
        Label brand = new Label("ComfyDesk");
        brand.getStyleClass().add("brand");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // Only the workflow slot gives way when the toolbar is short of room: its name ellipsizes, while the brand,
        // the profile and Generate keep their full size.
        for (Region fixed : new Region[] {appMenu, brand, profileSlot, submitSlot}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        workflowSlot.setMinWidth(0);
        HBox toolbar = new HBox(8, appMenu, brand, profileSlot, workflowSlot, spacer, submitSlot);
        toolbar.setId("mainToolbar");
        toolbar.getStyleClass().add("main-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        root.setTop(new VBox(toolbar, messageBar));

        StackPane formSlot = contentSlot("form-slot", formView,
                new Placeholder(Feather.FILE_TEXT, "No workflow",
                        "Open a workflow_api.json (Ctrl+O) or drop one here."));
        StackPane jobsSlot = contentSlot("jobs-slot", jobsView,
                new Placeholder(Feather.LIST, "No jobs yet", "Jobs you generate appear here."));
        StackPane gallerySlot = contentSlot("gallery-slot", galleryView,
                new Placeholder(Feather.IMAGE, "No pictures yet", "Finished outputs appear here."));
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.getItems().setAll(jobsSlot, gallerySlot);
        rightSplit.setDividerPositions(DEFAULT_JOBS_FRACTION);
        mainSplit.getItems().setAll(formSlot, rightSplit);
        mainSplit.setDividerPositions(DEFAULT_FORM_FRACTION);
        mainSplit.getStyleClass().add("main-split");
        SplitPane.setResizableWithParent(formSlot, false);
        formSlot.setMinWidth(380);
        root.setCenter(mainSplit);

        statusMessage.setId("statusMessage");
        statusMessage.getStyleClass().add("status-message");
        statusItems.setAlignment(Pos.CENTER_RIGHT);
        Region statusSpacer = new Region();
        HBox.setHgrow(statusSpacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, statusMessage, statusSpacer, statusItems);
        statusBar.setId("statusBar");
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(statusBar);
    }

    public BorderPane root() {
        return root;
    }

    /** The ☰ menu; features and the packaging helper add their items (Open, Settings, Help …). */
    public MenuButton appMenu() {
        return appMenu;
    }

    public MessageBar messageBar() {
        return messageBar;
    }

    public void setProfileControls(Node... nodes) {
        profileSlot.getChildren().setAll(nodes);
    }

    public void setWorkflowControls(Node... nodes) {
        workflowSlot.getChildren().setAll(nodes);
    }

    public void setSubmitControls(Node... nodes) {
        submitSlot.getChildren().setAll(nodes);
    }

    /** Left column: the studio form. Null shows the placeholder. */
    public ObjectProperty<Node> formViewProperty() {
        return formView;
    }

    /** Upper right: the job list/table (the job monitor's view plugs in here). */
    public ObjectProperty<Node> jobsViewProperty() {
        return jobsView;
    }

    /** Lower right: the pictures (the gallery's view plugs in here). */
    public ObjectProperty<Node> galleryViewProperty() {
        return galleryView;
    }

    public void setFormView(Node node) {
        formView.set(node);
    }

    public void setJobsView(Node node) {
        jobsView.set(node);
    }

    public void setGalleryView(Node node) {
        galleryView.set(node);
    }

    public void setStatusMessage(String text) {
        statusMessage.setText(text);
    }

    public Label statusMessageLabel() {
        return statusMessage;
    }

    /** Right side of the status bar: connection state, job counts, request preview toggle … */
    public HBox statusItems() {
        return statusItems;
    }

    /** Exposed so split positions can be remembered. */
    public SplitPane mainSplit() {
        return mainSplit;
    }

    public SplitPane rightSplit() {
        return rightSplit;
    }

    private static HBox slot(String styleClass) {
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add(styleClass);
        return box;
    }

    /**
     * Whether empty slots say so ("No workflow", "No jobs yet"). While the window fills in at start they would only
     * flash for a moment before the last workflow and the job list arrive, so start-up hides them until then.
     */
    public BooleanProperty placeholdersShownProperty() {
        return placeholdersShown;
    }

    private StackPane contentSlot(String styleClass, ObjectProperty<Node> content, Node placeholder) {
        placeholder.visibleProperty().bind(placeholdersShown);
        StackPane pane = new StackPane(placeholder);
        pane.getStyleClass().addAll("content-slot", styleClass);
        pane.setMinWidth(0);
        content.addListener((obs, old, now) -> pane.getChildren().setAll(Objects.requireNonNullElse(now, placeholder)));
        return pane;
    }
}
