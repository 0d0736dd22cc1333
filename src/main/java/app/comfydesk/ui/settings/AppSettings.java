package app.comfydesk.ui.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything remembered between runs except secrets, as stored in {@code settings.json}. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * <p>Version 2 keeps {@link Account}s; version 1 kept one profile per deployment. Those are read into
 * {@link #legacyProfiles()} and turned into accounts once by {@link AccountMigration} (which needs the tokens, so it
 * runs in {@link SettingsService}); they are not written again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(
        int version,
        List<Account> accounts,
        String activeProfileId,
        String theme,
        List<String> recentFiles,
        String lastWorkflow,
        String wildcardsFolder,
        @JsonProperty("profiles") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Profile> legacyProfiles) {

    public static final int CURRENT_VERSION = 2;
    public static final int MAX_RECENT = 10;

    public AppSettings {
        accounts = accounts == null ? List.of()
                : accounts.stream().filter(Objects::nonNull).filter(a -> !a.sandbox()).toList();
        legacyProfiles = legacyProfiles == null ? List.of()
                : legacyProfiles.stream().filter(Objects::nonNull).filter(p -> !p.sandbox()).toList();
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
        theme = theme == null ? "light" : theme;
    }

    public static AppSettings defaults() {
        return new AppSettings(CURRENT_VERSION, List.of(), null, "light", List.of(), null, null, List.of());
    }

    /** Each saved account aimed at its chosen deployment (the sandbox is never saved). */
    @JsonIgnore
    public List<Profile> profiles() {
        return accounts.stream().map(Account::target).toList();
    }

    /** The target of the account with this id, or of the account a profile with this id was merged into. */
    public Optional<Profile> profile(String id) {
        return account(id).map(Account::target);
    }

    public Optional<Account> account(String id) {
        return id == null ? Optional.empty() : accounts.stream().filter(a -> a.answersTo(id)).findFirst();
    }

    /** One account per profile (same ids), keeping what the accounts already knew about them. */
    public AppSettings withProfiles(List<Profile> newProfiles, String activeId) {
        List<Account> next = newProfiles.stream().map(p -> account(p.id())
                .map(a -> new Account(a.id(), p.name(), p.baseUrl(), p.apiVersion(), a.deploymentIds(),
                        p.deploymentId(), p.webhookUrl(), p.webhookIntermediate(), p.outputFolder(),
                        p.objectInfoPath(), a.boundFiles(), a.formerProfileIds(), false))
                .orElseGet(() -> Account.of(p))).toList();
        return withAccounts(next, activeId);
    }

    /** The accounts replaced (and the file in the version-2 form from now on: legacy profiles dropped). */
    public AppSettings withAccounts(List<Account> newAccounts, String activeId) {
        return new AppSettings(CURRENT_VERSION, newAccounts, activeId, theme, recentFiles, lastWorkflow,
                wildcardsFolder, List.of());
    }

    public AppSettings withActiveProfile(String id) {
        return new AppSettings(version, accounts, id, theme, recentFiles, lastWorkflow, wildcardsFolder,
                legacyProfiles);
    }

    public AppSettings withTheme(String newTheme) {
        return new AppSettings(version, accounts, activeProfileId, newTheme, recentFiles, lastWorkflow,
                wildcardsFolder, legacyProfiles);
    }

    /** Moves (or adds) the file to the top of the recent list, keeping at most {@value #MAX_RECENT}. */
    public AppSettings withRecentFile(String path) {
        List<String> recent = new ArrayList<>(recentFiles);
        recent.remove(path);
        recent.add(0, path);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        return new AppSettings(version, accounts, activeProfileId, theme, recent, path, wildcardsFolder,
                legacyProfiles);
    }

    /** What a restart reopens: a file path, or a marker such as {@code sample:sample-txt2img}. */
    public AppSettings withLastWorkflow(String last) {
        return new AppSettings(version, accounts, activeProfileId, theme, recentFiles, last, wildcardsFolder,
                legacyProfiles);
    }

    /** Where {@code __name__} in a prompt finds {@code name.txt}; null: the default folder under the config. */
    public AppSettings withWildcardsFolder(String folder) {
        return new AppSettings(version, accounts, activeProfileId, theme, recentFiles, lastWorkflow, folder,
                legacyProfiles);
    }

    public AppSettings withoutRecentFile(String path) {
        List<String> recent = new ArrayList<>(recentFiles);
        recent.remove(path);
        return new AppSettings(version, accounts, activeProfileId, theme, recent, lastWorkflow, wildcardsFolder,
                legacyProfiles);
    }
}
