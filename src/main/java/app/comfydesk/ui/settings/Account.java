package app.comfydesk.ui.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One RunComfy account: where its API is, how it is reached, and the deployments known for it. Holds no secrets: the
 * token and Comfy Org key live in the {@link SecretStore} under {@link #tokenKey()} / {@link #comfyOrgKeyKey()},
 * the same keys a {@link Profile} with this id uses, so profiles that became accounts keep their saved secrets.
 *
 * <p>What the studio, the engine and the clients consume is {@link #target()}: this account with its chosen
 * deployment, as a {@link Profile}.
 *
 * @param deploymentIds     deployments known for this account, in the order they were first used (typed ids of a
 *                          v1 server included)
 * @param deploymentId      the chosen one ("" when none yet)
 * @param boundFiles        deployment id → a local workflow file bound to it (for servers that do not say what a
 *                          deployment stores)
 * @param formerProfileIds  ids of profiles merged into this account: their jobs still find its token
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(
        String id,
        String name,
        String baseUrl,
        String apiVersion,
        List<String> deploymentIds,
        String deploymentId,
        String webhookUrl,
        boolean webhookIntermediate,
        String outputFolder,
        String objectInfoPath,
        Map<String, String> boundFiles,
        List<String> formerProfileIds,
        boolean sandbox) {

    public Account {
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        name = Objects.requireNonNullElse(name, "").strip();
        baseUrl = Objects.requireNonNullElse(baseUrl, Profile.DEFAULT_BASE_URL).strip();
        apiVersion = "v2".equalsIgnoreCase(apiVersion) ? "v2" : "v1";
        deploymentId = Objects.requireNonNullElse(deploymentId, "").strip();
        List<String> known = new ArrayList<>();
        for (String d : deploymentIds == null ? List.<String>of() : deploymentIds) {
            String clean = d == null ? "" : d.strip();
            if (!clean.isEmpty() && !known.contains(clean)) {
                known.add(clean);
            }
        }
        if (!deploymentId.isEmpty() && !known.contains(deploymentId)) {
            known.add(deploymentId);
        }
        deploymentIds = List.copyOf(known);
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        outputFolder = outputFolder == null || outputFolder.isBlank() ? Profile.defaultOutputFolder()
                : outputFolder.strip();
        objectInfoPath = objectInfoPath == null || objectInfoPath.isBlank() ? null : objectInfoPath;
        boundFiles = boundFiles == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(boundFiles));
        formerProfileIds = formerProfileIds == null ? List.of()
                : formerProfileIds.stream().filter(Objects::nonNull).distinct().toList();
    }

    /** A new, empty RunComfy account with the defaults filled in (v2: deployments can be listed). */
    public static Account blank(String name) {
        return new Account(null, name, Profile.DEFAULT_BASE_URL, "v2", List.of(), "", null, false, null, null, null,
                null, false);
    }

    /** The account a single profile stands for (same id, so its saved token and key apply unchanged). */
    public static Account of(Profile profile) {
        return new Account(profile.id(), profile.name(), profile.baseUrl(), profile.apiVersion(),
                List.of(profile.deploymentId()), profile.deploymentId(), profile.webhookUrl(),
                profile.webhookIntermediate(), profile.outputFolder(), profile.objectInfoPath(), null, null,
                profile.sandbox());
    }

    /** This account aimed at its chosen deployment: what jobs are submitted to. */
    public Profile target() {
        return new Profile(id, name, baseUrl, apiVersion, deploymentId, webhookUrl, webhookIntermediate, outputFolder,
                objectInfoPath, sandbox);
    }

    /** The account with {@code deployment} chosen (and known from now on). */
    public Account withDeployment(String deployment) {
        return new Account(id, name, baseUrl, apiVersion, deploymentIds, deployment, webhookUrl, webhookIntermediate,
                outputFolder, objectInfoPath, boundFiles, formerProfileIds, sandbox);
    }

    /** Binds a local workflow file to a deployment (null unbinds). */
    public Account withBoundFile(String deployment, String file) {
        Map<String, String> files = new LinkedHashMap<>(boundFiles);
        if (file == null) {
            files.remove(deployment);
        } else {
            files.put(deployment, file);
        }
        List<String> known = new ArrayList<>(deploymentIds);
        known.add(deployment);
        return new Account(id, name, baseUrl, apiVersion, known, deploymentId, webhookUrl, webhookIntermediate,
                outputFolder, objectInfoPath, files, formerProfileIds, sandbox);
    }

    public Account withObjectInfoPath(String path) {
        return new Account(id, name, baseUrl, apiVersion, deploymentIds, deploymentId, webhookUrl,
                webhookIntermediate, outputFolder, path, boundFiles, formerProfileIds, sandbox);
    }

    /** Whether the server can list deployments and send their stored workflows (v2; the sandbox always can). */
    @JsonIgnore
    public boolean listsDeployments() {
        return sandbox || "v2".equals(apiVersion);
    }

    /** Whether a job or setting recorded under {@code profileId} belongs to this account. */
    public boolean answersTo(String profileId) {
        return id.equals(profileId) || formerProfileIds.contains(profileId);
    }

    @JsonIgnore
    public String tokenKey() {
        return Profile.tokenKeyFor(id);
    }

    @JsonIgnore
    public String comfyOrgKeyKey() {
        return target().comfyOrgKeyKey();
    }

    /** What is missing before this account can be used, or null (a deployment is chosen in the browser). */
    @JsonIgnore
    public String problem() {
        if (name.isBlank()) {
            return "The account has no name.";
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            return "The base URL must start with https:// (for example " + Profile.DEFAULT_BASE_URL + ").";
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
