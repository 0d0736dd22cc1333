package app.comfydesk.ui.settings;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.jobs.AppDirectories;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import java.util.UUID;

/**
 * One RunComfy target. Holds no secrets: the token and Comfy Org key live in the {@link SecretStore} under
 * {@link #tokenKey()} / {@link #comfyOrgKeyKey()}. The sandbox profile is never saved; it keeps its port across
 * starts while that port is free.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
        String id,
        String name,
        String baseUrl,
        String apiVersion,
        String deploymentId,
        String webhookUrl,
        boolean webhookIntermediate,
        String outputFolder,
        String objectInfoPath,
        boolean sandbox) {

    public static final String DEFAULT_BASE_URL = "https://api.runcomfy.net";
    public static final String SANDBOX_ID = "sandbox";

    public Profile {
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        name = Objects.requireNonNullElse(name, "").strip();
        baseUrl = Objects.requireNonNullElse(baseUrl, DEFAULT_BASE_URL).strip();
        apiVersion = "v2".equalsIgnoreCase(apiVersion) ? "v2" : "v1";
        deploymentId = Objects.requireNonNullElse(deploymentId, "").strip();
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        outputFolder = outputFolder == null || outputFolder.isBlank() ? defaultOutputFolder() : outputFolder.strip();
        objectInfoPath = objectInfoPath == null || objectInfoPath.isBlank() ? null : objectInfoPath;
    }

    /** A new, empty RunComfy profile with the defaults filled in. */
    public static Profile blank(String name) {
        return new Profile(null, name, DEFAULT_BASE_URL, "v1", "", null, false, null, null, false);
    }

    public static Profile sandbox(String baseUrl, String deploymentId) {
        return new Profile(SANDBOX_ID, "Sandbox", baseUrl, "v1", deploymentId, null, false, null, null, true);
    }

    /** {@code <Pictures>/ComfyDesk}, or {@code <COMFYDESK_HOME>/outputs} when that override is set. */
    public static String defaultOutputFolder() {
        return AppDirectories.detect().outputs().toString();
    }

    /** The API address of this profile; throws IllegalArgumentException (user-facing message) when malformed. */
    @JsonIgnore
    public ApiEndpoint endpoint() {
        return ApiEndpoint.of(baseUrl, ApiVersion.parse(apiVersion), deploymentId);
    }

    @JsonIgnore
    public String tokenKey() {
        return tokenKeyFor(id);
    }

    /** Where a profile's token is kept in the {@link SecretStore}. */
    public static String tokenKeyFor(String profileId) {
        return "profile." + profileId + ".token";
    }

    @JsonIgnore
    public String comfyOrgKeyKey() {
        return "profile." + id + ".comfy-org-key";
    }

    /** What is missing before this profile can submit, or null when it is complete (secrets checked elsewhere). */
    @JsonIgnore
    public String problem() {
        if (name.isBlank()) {
            return "The profile has no name.";
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            return "The base URL must start with https:// (for example " + DEFAULT_BASE_URL + ").";
        }
        if (deploymentId.isBlank()) {
            return "\"" + name + "\" has no deployment chosen: pick one in Deployments (Ctrl+D), or type its id in "
                    + "Accounts.";
        }
        return null;
    }

    public Profile withObjectInfoPath(String path) {
        return new Profile(id, name, baseUrl, apiVersion, deploymentId, webhookUrl, webhookIntermediate, outputFolder,
                path, sandbox);
    }

    public Profile withName(String newName) {
        return new Profile(id, newName, baseUrl, apiVersion, deploymentId, webhookUrl, webhookIntermediate,
                outputFolder, objectInfoPath, sandbox);
    }

    /** A copy with a fresh id (for "Duplicate"); secrets are not copied. */
    public Profile duplicate(String newName) {
        return new Profile(null, newName, baseUrl, apiVersion, deploymentId, webhookUrl, webhookIntermediate,
                outputFolder, objectInfoPath, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
