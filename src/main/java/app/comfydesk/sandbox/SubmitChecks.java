package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks a submit goes through: a sent workflow's shape, overrides against the graph, the webhook's host. */
final class SubmitChecks {

    private SubmitChecks() {
    }

    /**
     * Why a webhook URL is refused, or empty when it is an http(s) URL on loopback. Only literal loopback addresses
     * and {@code localhost} pass, and no name is looked up, so the sandbox never reaches past this computer.
     */
    static Optional<String> webhookProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("webhook \"" + url + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("webhook \"" + url + "\" must be an http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("webhook \"" + url + "\" has no host");
        }
        if (host.equalsIgnoreCase("localhost") || isLoopbackLiteral(host)) {
            return Optional.empty();
        }
        return Optional.of("webhook host " + host + " is not on this computer; the sandbox only sends webhooks to "
                + "loopback addresses (127.0.0.0/8, ::1, localhost)");
    }

    static boolean isLoopbackLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.matches("[0-9A-Fa-f:.]+")) {
            return false; // a name: refused rather than resolved
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }


    static Optional<String> workflowProblem(JsonNode workflow) {
        if (!workflow.isObject()) {
            return Optional.of("it is not a JSON object");
        }
        if (workflow.has("nodes") && workflow.has("links")) {
            return Optional.of("it is a UI-format workflow (it has \"nodes\" and \"links\")");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = workflow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject() || !e.getValue().path("class_type").isTextual()) {
                return Optional.of("node \"" + e.getKey() + "\" has no class_type");
            }
            if (e.getValue().has("inputs") && !e.getValue().get("inputs").isObject()) {
                return Optional.of("node \"" + e.getKey() + "\" has inputs that are not an object");
            }
        }
        return Optional.empty();
    }

    /** Applies overrides in place; returns the first problem as a user-facing sentence. */
    static Optional<String> applyOverrides(ObjectNode workflow, JsonNode overrides) {
        if (!overrides.isObject()) {
            return Optional.of("overrides must be an object keyed by node id, such as "
                    + "{\"6\": {\"inputs\": {\"text\": \"a cat\"}}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String nodeId = e.getKey();
            JsonNode node = workflow.get(nodeId);
            if (node == null) {
                List<String> ids = new ArrayList<>();
                workflow.fieldNames().forEachRemaining(ids::add);
                return Optional.of("overrides name node \"" + nodeId + "\", which does not exist; the workflow's "
                        + "nodes are " + String.join(", ", ids));
            }
            JsonNode inputs = e.getValue().get("inputs");
            if (!e.getValue().isObject() || inputs == null || !inputs.isObject()) {
                return Optional.of("overrides for node \"" + nodeId + "\" must look like {\"inputs\": {...}}");
            }
            String classType = node.path("class_type").asText();
            ObjectNode target = node.has("inputs") ? (ObjectNode) node.get("inputs") : ((ObjectNode) node)
                    .putObject("inputs");
            for (Iterator<Map.Entry<String, JsonNode>> in = inputs.fields(); in.hasNext(); ) {
                Map.Entry<String, JsonNode> input = in.next();
                if (!target.has(input.getKey())) {
                    List<String> keys = new ArrayList<>();
                    target.fieldNames().forEachRemaining(keys::add);
                    return Optional.of("overrides name input \"" + input.getKey() + "\" of node \"" + nodeId + "\" ("
                            + classType + "), which has no such input; its inputs are "
                            + (keys.isEmpty() ? "none" : String.join(", ", keys)));
                }
            }
            inputs.fields().forEachRemaining(input -> target.set(input.getKey(), input.getValue().deepCopy()));
        }
        return Optional.empty();
    }

    /** The node (and input) a problem sentence of {@link #applyOverrides} names, as "6" or "6.inputs.txt". */
    static String problemLocation(String problem) {
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("input \"([^\"]*)\" of node \"([^\"]*)\"")
                .matcher(problem);
        if (input.find()) {
            return input.group(2) + ".inputs." + input.group(1);
        }
        java.util.regex.Matcher node = java.util.regex.Pattern.compile("node \"([^\"]*)\"").matcher(problem);
        return node.find() ? node.group(1) : "";
    }
}
