package app.comfydesk.ui.settings;

import app.comfydesk.jobs.ClientFactory;

/**
 * The engine's {@link ClientFactory} for the app: clients take their token from the active settings by the job's
 * profile id on every call, so a corrected token applies at once and no token is ever stored with a job.
 */
public final class ProfileClients {

    private ProfileClients() {
    }

    public static ClientFactory factory(SettingsService settings) {
        return ClientFactory.withTokens(profileId -> profileId == null ? null
                : settings.secret(Profile.tokenKeyFor(profileId)).orElse(null));
    }
}
