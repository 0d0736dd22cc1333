package app.comfydesk.ui.settings;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.Icons;
import atlantafx.base.controls.PasswordTextField;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Edits the saved accounts: a list on the left, the selected account's fields on the right, "Test connection". An
 * account is one token for many deployments: the deployment is picked in the deployments browser, or typed here for
 * a server that only speaks the v1 queue. Changes apply only on Save; secrets go to the {@link SecretStore}, never
 * to the settings file.
 */
public final class AccountsDialog extends Dialog<ButtonType> {

    private final ProfilesViewModel model;
    private final BackgroundExecutor executor;
    private final ConnectionTester tester;
    private final List<AccountDraft> drafts = new ArrayList<>();
    private final ListView<AccountDraft> list = new ListView<>();
    private final TextField name = field("profileName", "My RunComfy account");
    private final TextField baseUrl = field("profileBaseUrl", Profile.DEFAULT_BASE_URL);
    private final ChoiceBox<String> apiVersion = new ChoiceBox<>();
    private final TextField deploymentId = field("profileDeploymentId",
            "pick one in Deployments (Ctrl+D)");
    private final PasswordTextField token = secretField("profileToken");
    private final PasswordTextField comfyOrgKey = secretField("profileComfyOrgKey");
    private final TextField knownDeployments = field("accountDeployments", "ids, separated by commas");
    private final TextField webhookUrl = field("profileWebhook", "optional, https://…");
    private final CheckBox webhookIntermediate = new CheckBox("Also send intermediate status");
    private final TextField outputFolder = field("profileOutputFolder", "");
    private final Label testResult = new Label();
    private final GridPane editor = new GridPane();
    private final Label emptyHint = new Label("No account yet. Click \u201cAdd account\u201d and paste your API token "
            + "from the RunComfy dashboard, then pick a deployment in Deployments (Ctrl+D); until then, the built-in "
            + "sandbox runs jobs locally.");
    private AccountDraft editing;
    private boolean committing;

    public AccountsDialog(Window owner, ProfilesViewModel model, BackgroundExecutor executor,
            ConnectionTester tester) {
        this.model = model;
        this.executor = executor;
        this.tester = tester;
        initOwner(owner);
        setTitle("Accounts");
        setHeaderText(null);
        setResizable(true);
        for (Profile profile : model.profiles()) {
            model.account(profile).ifPresent(account -> drafts.add(new AccountDraft(account,
                    model.token(profile).orElse(""), model.comfyOrgKey(profile).orElse(""))));
        }
        getDialogPane().setContent(content());
        getDialogPane().getButtonTypes().setAll(new ButtonType("Save", ButtonBar.ButtonData.OK_DONE),
                ButtonType.CANCEL);
        getDialogPane().setPrefSize(900, 620);
        getDialogPane().setMinSize(760, 560);
        getDialogPane().getStyleClass().add("profiles-dialog");
        list.getItems().setAll(drafts);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!committing) {
                edit(now);
            }
        });
        // The list shows the name as it is typed.
        name.textProperty().addListener((obs, old, now) -> {
            if (editing != null && !committing && !now.equals(editing.account().name())) {
                commitEditor();
            }
        });
        Profile active = model.getActive();
        int index = active == null ? -1 : indexOf(active.id());
        list.getSelectionModel().select(Math.max(index, 0));
        edit(list.getSelectionModel().getSelectedItem());
        setResultConverter(button -> {
            if (button.getButtonData() == ButtonBar.ButtonData.OK_DONE) {
                commitEditor();
                String activeId = active == null ? null : active.id();
                AccountDraft selected = list.getSelectionModel().getSelectedItem();
                if ((activeId == null || !active.sandbox() && indexOf(activeId) < 0) && selected != null) {
                    activeId = selected.account().id();
                }
                model.applyAccounts(List.copyOf(list.getItems()), activeId);
            }
            return button;
        });
    }

    private BorderPane content() {
        list.setId("profileList");
        list.setPrefWidth(220);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(AccountDraft item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.account().name());
            }
        });
        Button add = new Button("Add account", Icons.of(Feather.PLUS, Icons.SMALL));
        add.setId("addProfileButton");
        add.setTooltip(new javafx.scene.control.Tooltip("Add a RunComfy account (one token, all its deployments)"));
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setOnAction(event -> startNewProfile());
        Label emptyList = new Label("No accounts yet.\nAdd one per RunComfy API token.");
        emptyList.setWrapText(true);
        emptyList.getStyleClass().add(Styles.TEXT_MUTED);
        emptyList.setPadding(new Insets(12));
        list.setPlaceholder(emptyList);
        Button duplicate = Icons.iconButton(Feather.COPY, "Duplicate the selected account (without its token)");
        duplicate.setOnAction(event -> {
            commitEditor();
            if (editing != null) {
                Account a = editing.account();
                addDraft(new Account(null, a.name() + " copy", a.baseUrl(), a.apiVersion(), a.deploymentIds(),
                        a.deploymentId(), a.webhookUrl(), a.webhookIntermediate(), a.outputFolder(),
                        a.objectInfoPath(), a.boundFiles(), null, false));
            }
        });
        Button delete = Icons.iconButton(Feather.TRASH_2, "Delete the selected account and its saved token");
        delete.setOnAction(event -> {
            AccountDraft selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) {
                editing = null;
                list.getItems().remove(selected);
            }
        });
        HBox listButtons = new HBox(4, add, duplicate, delete);
        Label sandboxNote = new Label("The built-in sandbox is always available and needs no account.");
        sandboxNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        sandboxNote.setWrapText(true);
        VBox left = new VBox(8, list, listButtons, sandboxNote);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPrefWidth(220);

        apiVersion.getItems().setAll("v1", "v2");
        apiVersion.setId("profileApiVersion");
        outputFolder.setPromptText(Profile.defaultOutputFolder());
        Button browse = Icons.iconButton(Feather.FOLDER, "Choose the output folder");
        browse.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Output folder");
            var chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                outputFolder.setText(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(outputFolder, Priority.ALWAYS);
        Button test = new Button("Test connection", Icons.of(Feather.ZAP));
        test.setId("testConnectionButton");
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.setOnAction(event -> testConnection(test));
        testResult.setId("testConnectionResult");
        testResult.setWrapText(true);
        Label where = new Label("Tokens are stored in " + model.settings().secretStore().description()
                + ", never in the settings file.");
        where.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        where.setWrapText(true);

        editor.setHgap(12);
        editor.setVgap(10);
        // The label column takes what its longest label needs, so "Comfy Org API key" is never cut.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHgrow(Priority.NEVER);
        editor.getColumnConstraints().addAll(labels,
                new ColumnConstraints(240, 400, Double.MAX_VALUE, Priority.ALWAYS, null, true));
        int row = 0;
        editor.addRow(row++, label("Name"), name);
        editor.addRow(row++, label("Base URL"), baseUrl);
        editor.addRow(row++, label("API version"), apiVersion);
        editor.addRow(row++, label("API token"), token);
        editor.addRow(row++, label("Comfy Org API key"), comfyOrgKey);
        editor.addRow(row++, label("Deployment"), deploymentId);
        editor.addRow(row++, label("Known deployments"), knownDeployments);
        editor.addRow(row++, label("Webhook URL"), webhookUrl);
        editor.add(webhookIntermediate, 1, row++);
        editor.addRow(row++, label("Output folder"), new HBox(4, outputFolder, browse));
        // The result goes under the button, where a long answer can wrap instead of squeezing the button.
        testResult.setMaxWidth(Double.MAX_VALUE);
        VBox testRow = new VBox(6, test, testResult);
        editor.add(testRow, 1, row++);
        editor.add(where, 1, row);
        emptyHint.setId("profilesEmptyHint");
        emptyHint.setWrapText(true);
        emptyHint.getStyleClass().addAll(Styles.TEXT_MUTED);
        emptyHint.managedProperty().bind(emptyHint.visibleProperty());
        emptyHint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(list.getItems()));
        VBox right = new VBox(14, emptyHint, editor);
        // Room for the vertical scroll bar: fields and the test result never run under it.
        right.setPadding(new Insets(0, 18, 8, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        BorderPane pane = new BorderPane();
        // The dialog pane gives its content no inset on the left: the list and its note sat against the border.
        pane.setPadding(new Insets(8, 0, 0, 14));
        pane.setLeft(left);
        pane.setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(0, 0, 0, 20));
        return pane;
    }

    /** Adds a blank account and selects it for editing (the dialog's "Add account", and the selector's). */
    public void startNewProfile() {
        addDraft(Account.blank("New account " + (list.getItems().size() + 1)));
    }

    private void addDraft(Account account) {
        AccountDraft draft = new AccountDraft(account, "", "");
        list.getItems().add(draft);
        list.getSelectionModel().select(draft);
        name.requestFocus();
    }

    private void edit(AccountDraft draft) {
        commitEditor();
        editing = draft;
        editor.setDisable(draft == null);
        testResult.setText("");
        Account profile = draft == null ? Account.blank("") : draft.account();
        name.setText(profile.name());
        baseUrl.setText(profile.baseUrl());
        apiVersion.setValue(profile.apiVersion());
        deploymentId.setText(profile.deploymentId());
        knownDeployments.setText(String.join(", ", profile.deploymentIds()));
        token.setText(draft == null ? "" : draft.token());
        token.setRevealPassword(false);
        comfyOrgKey.setText(draft == null ? "" : draft.comfyOrgKey());
        comfyOrgKey.setRevealPassword(false);
        webhookUrl.setText(profile.webhookUrl() == null ? "" : profile.webhookUrl());
        webhookIntermediate.setSelected(profile.webhookIntermediate());
        outputFolder.setText(profile.outputFolder());
    }

    /** Writes the editor's fields back into the selected draft. */
    private void commitEditor() {
        if (editing == null) {
            return;
        }
        int index = list.getItems().indexOf(editing);
        if (index < 0) {
            return;
        }
        AccountDraft updated = currentDraft();
        editing = updated;
        committing = true;
        try {
            list.getItems().set(index, updated);
            list.getSelectionModel().select(index);
        } finally {
            committing = false;
        }
    }

    private AccountDraft currentDraft() {
        Account old = editing.account();
        List<String> known = java.util.Arrays.stream(knownDeployments.getText().split("[,\\s]+"))
                .filter(id -> !id.isBlank()).toList();
        Account account = new Account(old.id(), name.getText(), baseUrl.getText(), apiVersion.getValue(), known,
                deploymentId.getText(), webhookUrl.getText(), webhookIntermediate.isSelected(),
                outputFolder.getText(), old.objectInfoPath(), old.boundFiles(), old.formerProfileIds(), false);
        return new AccountDraft(account, token.getPassword(), comfyOrgKey.getPassword());
    }

    private void testConnection(Button button) {
        if (editing == null) {
            return;
        }
        AccountDraft draft = currentDraft();
        String problem = draft.account().problem() != null ? draft.account().problem()
                : draft.account().target().problem();
        if (problem != null || draft.token().isBlank()) {
            showResult(false, problem != null ? problem : "Enter the API token first.");
            return;
        }
        button.setDisable(true);
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.setGraphic(null);
        testResult.setText("Testing…");
        executor.submit(() -> tester.test(draft.account().target(), draft.token()))
                .onSuccess(message -> showResult(true, message))
                .onError(error -> showResult(false, error.message()))
                .onFinally(() -> button.setDisable(false));
    }

    private void showResult(boolean ok, String message) {
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        FontIcon icon = Icons.of(ok ? Feather.CHECK_CIRCLE : Feather.ALERT_CIRCLE, Icons.SMALL);
        testResult.setGraphic(icon);
        testResult.setText(message);
    }

    private int indexOf(String id) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).account().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    private static PasswordTextField secretField(String id) {
        PasswordTextField field = new PasswordTextField();
        field.setId(id);
        FontIcon eye = new FontIcon(Feather.EYE_OFF);
        eye.setCursor(Cursor.HAND);
        eye.getStyleClass().add("app-icon");
        eye.setOnMouseClicked(event -> {
            field.setRevealPassword(!field.getRevealPassword());
            eye.setIconCode(field.getRevealPassword() ? Feather.EYE : Feather.EYE_OFF);
        });
        field.setRight(eye);
        return field;
    }
}
