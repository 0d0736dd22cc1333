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
 * The profiles shown in the toolbar and the active one. Switching is one call ({@link #select}); the choice is
 * remembered. {@link #activeProblemProperty()} says in words why the active profile cannot submit (null when it
 * can).
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
        List<Profile> saved = new ArrayList<>();
        for (ProfileDraft draft : drafts) {
            Profile profile = draft.profile();
            saved.add(profile);
            settings.putSecret(profile.tokenKey(), draft.token());
            settings.putSecret(profile.comfyOrgKeyKey(), draft.comfyOrgKey());
        }
        for (Profile old : settings.current().profiles()) {
            if (saved.stream().noneMatch(p -> p.id().equals(old.id()))) {
                settings.putSecret(old.tokenKey(), null);
                settings.putSecret(old.comfyOrgKeyKey(), null);
            }
        }
        settings.update(s -> s.withProfiles(saved, activeId));
        List<Profile> shown = new ArrayList<>();
        if (sandbox != null) {
            shown.add(sandbox);
        }
        shown.addAll(saved);
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
        Profile current = active.get();
        if (current == null || current.sandbox()) {
            return;
        }
        Profile changed = current.withObjectInfoPath(path);
        List<Profile> saved = new ArrayList<>(settings.current().profiles());
        saved.replaceAll(p -> p.id().equals(changed.id()) ? changed : p);
        settings.update(s -> s.withProfiles(saved, changed.id()));
        int index = profiles.indexOf(current);
        if (index >= 0) {
            profiles.set(index, changed);
        }
        active.set(changed);
    }

    private void refreshProblem() {
        Profile profile = active.get();
        if (profile == null) {
            activeProblem.set(profiles.isEmpty() ? "No profile yet: add your RunComfy deployment in Profiles."
                    : "Choose a profile.");
            return;
        }
        String problem = profile.problem();
        if (problem == null && token(profile).isEmpty()) {
            problem = "Profile \"" + profile.name() + "\" has no API token: add it in Profiles.";
        }
        activeProblem.set(problem);
    }
}
