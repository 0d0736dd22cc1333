package app.comfydesk.ui.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything remembered between runs except secrets, as stored in {@code settings.json}. Immutable; the
 * {@code with…} methods return changed copies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(
        int version,
        List<Profile> profiles,
        String activeProfileId,
        String theme,
        List<String> recentFiles,
        String lastWorkflow,
        String wildcardsFolder) {

    public static final int CURRENT_VERSION = 1;
    public static final int MAX_RECENT = 10;

    public AppSettings {
        profiles = profiles == null ? List.of()
                : profiles.stream().filter(Objects::nonNull).filter(p -> !p.sandbox()).toList();
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
        theme = theme == null ? "light" : theme;
    }

    public static AppSettings defaults() {
        return new AppSettings(CURRENT_VERSION, List.of(), null, "light", List.of(), null, null);
    }

    public Optional<Profile> profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public AppSettings withProfiles(List<Profile> newProfiles, String activeId) {
        return new AppSettings(version, newProfiles, activeId, theme, recentFiles, lastWorkflow, wildcardsFolder);
    }

    public AppSettings withActiveProfile(String id) {
        return new AppSettings(version, profiles, id, theme, recentFiles, lastWorkflow, wildcardsFolder);
    }

    public AppSettings withTheme(String newTheme) {
        return new AppSettings(version, profiles, activeProfileId, newTheme, recentFiles, lastWorkflow,
                wildcardsFolder);
    }

    /** Moves (or adds) the file to the top of the recent list, keeping at most {@value #MAX_RECENT}. */
    public AppSettings withRecentFile(String path) {
        List<String> recent = new ArrayList<>(recentFiles);
        recent.remove(path);
        recent.add(0, path);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        return new AppSettings(version, profiles, activeProfileId, theme, recent, path, wildcardsFolder);
    }

    /** What a restart reopens: a file path, or a marker such as {@code sample:sample-txt2img}. */
    public AppSettings withLastWorkflow(String last) {
        return new AppSettings(version, profiles, activeProfileId, theme, recentFiles, last, wildcardsFolder);
    }

    /** Where {@code __name__} in a prompt finds {@code name.txt}; null: the default folder under the config. */
    public AppSettings withWildcardsFolder(String folder) {
        return new AppSettings(version, profiles, activeProfileId, theme, recentFiles, lastWorkflow, folder);
    }

    public AppSettings withoutRecentFile(String path) {
        List<String> recent = new ArrayList<>(recentFiles);
        recent.remove(path);
        return new AppSettings(version, profiles, activeProfileId, theme, recent, lastWorkflow, wildcardsFolder);
    }
}
