package app.comfydesk.ui.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The accounts shown in the toolbar, each as the {@link Profile} it submits to (the account with its chosen
 * deployment), and the active one. Switching is one call ({@link #select}), choosing another deployment of the
 * active account another ({@link #selectDeployment}); both are remembered. {@link #activeProblemProperty()} says in
 * words why the active target cannot submit (null when it can).
 */
public final class ProfilesViewModel {

    private final SettingsService settings;
    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> active = new SimpleObjectProperty<>(this, "active");
    private final ReadOnlyStringWrapper activeProblem = new ReadOnlyStringWrapper(this, "activeProblem");
    private Profile sandbox;

    public ProfilesViewModel(SettingsService settings) {
        this.settings = settings;
        AppSettings current = settings.current();
        profiles.setAll(current.profiles());
        current.profile(current.activeProfileId()).ifPresent(active::set);
        active.addListener((obs, old, now) -> {
            refreshProblem();
            if (now != null) {
                settings.update(s -> s.withActiveProfile(now.id()));
            }
        });
        refreshProblem();
    }

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Profile> activeProperty() {
        return active;
    }

    public Profile getActive() {
        return active.get();
    }

    public void select(Profile profile) {
        active.set(profile);
    }

    public ReadOnlyStringProperty activeProblemProperty() {
        return activeProblem.getReadOnlyProperty();
    }

    /** True when settings name no profile: the newcomer case, where the sandbox is started and selected. */
    public boolean hasNoConfiguredProfile() {
        return settings.current().profiles().isEmpty();
    }

    /** The id the user last chose (may be the sandbox, which only exists once started). */
    public String rememberedActiveId() {
        return settings.current().activeProfileId();
    }

    public Optional<Profile> sandboxProfile() {
        return Optional.ofNullable(sandbox);
    }

    /** Adds the running sandbox (first in the list); selects it when asked or when it was the remembered choice. */
    public void addSandbox(Profile sandboxProfile, String token, boolean select) {
        settings.putTransientSecret(sandboxProfile.tokenKey(), token);
        if (sandbox != null) {
            profiles.remove(sandbox);
        }
        sandbox = sandboxProfile;
        profiles.add(0, sandboxProfile);
        if (select || active.get() == null || Profile.SANDBOX_ID.equals(rememberedActiveId())) {
            active.set(sandboxProfile);
        }
        refreshProblem();
    }

    /**
     * Points the running sandbox at another of its deployments (each built-in sample is its own deployment), so a
     * sample loaded on the sandbox is sent to the deployment made for it. The token stays; the selection follows.
     */
    public void retargetSandbox(String deploymentId) {
        if (sandbox == null || sandbox.deploymentId().equals(deploymentId)) {
            return;
        }
        retargetSandboxNow(deploymentId);
    }

    /**
     * Aims the active account at another of its deployments (a deployment picked in the browser, or an id typed
     * for a v1 server); the account remembers it among its known deployments.
     */
    public void selectDeployment(String deploymentId) {
        Profile current = active.get();
        if (current == null || deploymentId == null || deploymentId.isBlank()
                || current.deploymentId().equals(deploymentId)) {
            return;
        }
        if (current.sandbox()) {
            retargetSandboxNow(deploymentId);
            return;
        }
        account(current).ifPresent(account -> replaceAccount(account.withDeployment(deploymentId.strip())));
    }

    /** The saved account behind a target (empty for the sandbox, which is not saved). */
    public Optional<Account> account(Profile profile) {
        return profile == null || profile.sandbox() ? Optional.empty()
                : settings.current().account(profile.id());
    }

    /** The active account, the sandbox included (described as an account). */
    public Optional<Account> activeAccount() {
        Profile current = active.get();
        if (current == null) {
            return Optional.empty();
        }
        return current.sandbox() ? Optional.of(Account.of(current)) : account(current);
    }

    /** Binds a local workflow file to a deployment of the active account (servers that do not store workflows). */
    public void bindFile(String deploymentId, String file) {
        account(active.get()).ifPresent(account -> replaceAccount(account.withBoundFile(deploymentId, file)));
    }

    /** Replaces a saved account (same id) and shows its target, keeping it active when it was. */
    private void replaceAccount(Account changed) {
        Profile previous = active.get();
        boolean wasActive = previous != null && previous.id().equals(changed.id());
        List<Account> saved = new ArrayList<>(settings.current().accounts());
        saved.replaceAll(a -> a.id().equals(changed.id()) ? changed : a);
        settings.update(s -> s.withAccounts(saved, wasActive ? changed.id() : s.activeProfileId()));
        Profile target = changed.target();
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).id().equals(changed.id())) {
                profiles.set(i, target);
            }
        }
        if (wasActive) {
            active.set(target);
        }
        refreshProblem();
    }

    private void retargetSandboxNow(String deploymentId) {
        boolean wasActive = sandbox.equals(active.get());
        Profile updated = Profile.sandbox(sandbox.baseUrl(), deploymentId);
        int index = profiles.indexOf(sandbox);
        sandbox = updated;
        if (index >= 0) {
            profiles.set(index, updated);
        } else {
            profiles.add(0, updated);
        }
        if (wasActive) {
            active.set(updated);
        }
        refreshProblem();
    }

    public Optional<String> token(Profile profile) {
        return settings.secret(profile.tokenKey());
    }

    public Optional<String> comfyOrgKey(Profile profile) {
        return settings.secret(profile.comfyOrgKeyKey());
    }

    public SettingsService settings() {
        return settings;
    }

    /**
     * Applies the profiles dialog: the saved profiles (sandbox excluded) with their secrets, and which is active.
     * Secrets of deleted profiles are removed from the store.
     */
    public void apply(List<ProfileDraft> drafts, String activeId) {
        AppSettings now = settings.current();
        applyAccounts(drafts.stream().map(d -> new AccountDraft(now.account(d.profile().id())
                .map(a -> AccountDraft.merge(a, d.profile())).orElseGet(() -> Account.of(d.profile())),
                d.token(), d.comfyOrgKey())).toList(), activeId);
    }

    /**
     * Applies the accounts dialog: the saved accounts (sandbox excluded) with their secrets, and which is active.
     * Secrets of deleted accounts are removed from the store.
     */
    public void applyAccounts(List<AccountDraft> drafts, String activeId) {
        List<Account> saved = new ArrayList<>();
        for (AccountDraft draft : drafts) {
            Account account = draft.account();
            saved.add(account);
            settings.putSecret(account.tokenKey(), draft.token());
            settings.putSecret(account.comfyOrgKeyKey(), draft.comfyOrgKey());
        }
        for (Account old : settings.current().accounts()) {
            if (saved.stream().noneMatch(a -> a.id().equals(old.id()))) {
                settings.putSecret(old.tokenKey(), null);
                settings.putSecret(old.comfyOrgKeyKey(), null);
            }
        }
        settings.update(s -> s.withAccounts(saved, activeId));
        List<Profile> shown = new ArrayList<>();
        if (sandbox != null) {
            shown.add(sandbox);
        }
        saved.forEach(a -> shown.add(a.target()));
        profiles.setAll(shown);
        Profile next = shown.stream().filter(p -> p.id().equals(activeId)).findFirst()
                .orElse(shown.isEmpty() ? null : shown.get(0));
        if (Objects.equals(next, active.get())) {
            refreshProblem();
        } else {
            active.set(next);
        }
    }

    /** Remembers an object_info.json for the active profile (not for the sandbox, which is rebuilt each run). */
    public void rememberObjectInfo(String path) {
        account(active.get()).ifPresent(account -> replaceAccount(account.withObjectInfoPath(path)));
    }

    private void refreshProblem() {
        Profile profile = active.get();
        if (profile == null) {
            activeProblem.set(profiles.isEmpty() ? "No account yet: add your RunComfy token in Accounts."
                    : "Choose a profile.");
            return;
        }
        String problem = profile.problem();
        if (problem == null && token(profile).isEmpty()) {
            problem = "Account \"" + profile.name() + "\" has no API token: add it in Accounts.";
        }
        activeProblem.set(problem);
    }
}
