package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides the widget of every input: from the schema when there is one (the deployment's object_info, then the
 * built-in core schema), else from the value itself. Also works out which text inputs are the positive and
 * negative prompts by following the sampler's {@code positive}/{@code negative} links back to the text encoders,
 * through conditioning nodes in between (ControlNetApply, FluxGuidance, ConditioningCombine, ...).
 */
public final class FormFields {

    private static final Pattern MEDIA_FILE = Pattern.compile(
            "(?i).+\\.(png|jpe?g|webp|gif|bmp|tiff?|exr|mp4|webm|mov|mkv|avi|gifv|wav|mp3|flac|ogg|m4a|aac|opus)");
    /** Input names that hold prompt text on nodes that only pass text along (primitives, concatenation). */
    private static final Pattern TEXT_KEY = Pattern.compile(
            "(?i)text|value|string|prompt|default|(text|string|prompt)_?\\w*|\\w*_(text|string|prompt)");
    /** How far back from an encoder a prompt's text is followed through string nodes (concat, primitives). */
    private static final int MAX_TEXT_SOURCE_DEPTH = 4;

    private FormFields() {
    }

    /** {@link #describe(Workflow, NodeSchemas)} with the built-in core schema only. */
    public static Map<String, List<FieldDescriptor>> describe(Workflow workflow) {
        return describe(workflow, null);
    }

    /**
     * Per node id (workflow order), the fields of its inputs (input order).
     *
     * @param schemas the deployment's object_info, or null for the built-in schema only
     */
    public static Map<String, List<FieldDescriptor>> describe(Workflow workflow, NodeSchemas schemas) {
        NodeSchemas effective = NodeSchemas.effective(schemas);
        PromptGraph graph = new PromptGraph(workflow, effective);
        Map<String, PromptRole> roles = graph.roles();
        Map<String, List<FieldDescriptor>> fields = new LinkedHashMap<>();
        for (Node node : workflow.nodes()) {
            List<FieldDescriptor> list = new ArrayList<>(node.inputs().size());
            boolean encoder = isTextEncoder(node, effective);
            PromptRole nodeRole = roles.getOrDefault(node.id(), encoder ? PromptRole.PROMPT : PromptRole.NONE);
            for (Input input : node.inputs()) {
                // On encoders every free text is prompt; on text sources only the inputs that carry the text.
                boolean carriesPrompt = encoder || TEXT_KEY.matcher(input.key()).matches();
                list.add(describe(node, input, effective, carriesPrompt ? nodeRole : PromptRole.NONE));
            }
            fields.put(node.id(), Collections.unmodifiableList(list));
        }
        return Collections.unmodifiableMap(fields);
    }

    private static FieldDescriptor describe(Node node, Input input, NodeSchemas schemas, PromptRole nodeRole) {
        InputRef ref = node.ref(input.key());
        InputSpec spec = schemas.spec(node.classType(), input.key()).orElse(null);
        if (input.value() instanceof InputValue.Link link) {
            return new FieldDescriptor(ref, FieldKind.LINK, spec, link.toJson(), PromptRole.NONE);
        }
        JsonNode value = ((InputValue.Literal) input.value()).raw();
        boolean promptText = nodeRole != PromptRole.NONE && value.isTextual() && !(spec instanceof ComboSpec)
                && !(spec instanceof UploadSpec);
        PromptRole role = promptText ? nodeRole : PromptRole.NONE;
        FieldKind kind = kind(node, input.key(), value, spec, promptText);
        return new FieldDescriptor(ref, kind, spec, value.isContainerNode() ? value.deepCopy() : value, role);
    }

    private static FieldKind kind(Node node, String key, JsonNode value, InputSpec spec, boolean promptText) {
        if (spec != null && EditValidator.fitsOriginal(spec, value)) {
            FieldKind kind = kindFor(spec);
            if (kind == FieldKind.STRING && (promptText || hasNewline(value))) {
                return FieldKind.TEXT;
            }
            return kind;
        }
        return infer(node, key, value, spec, promptText);
    }

    /**
     * The widget a schema input gets on its own, before any value is known: connections are LINK, unknown shapes
     * JSON. Integer inputs are SEED by {@link Seeds}'s rule.
     */
    public static FieldKind kindFor(InputSpec spec) {
        if (spec instanceof IntSpec) {
            return Seeds.isSeed(spec.name(), spec) ? FieldKind.SEED : FieldKind.INT;
        }
        if (spec instanceof FloatSpec) {
            return FieldKind.FLOAT;
        }
        if (spec instanceof StringSpec string) {
            return string.multiline() ? FieldKind.TEXT : FieldKind.STRING;
        }
        if (spec instanceof BooleanSpec) {
            return FieldKind.BOOLEAN;
        }
        if (spec instanceof ComboSpec) {
            return FieldKind.COMBO;
        }
        if (spec instanceof UploadSpec) {
            return FieldKind.MEDIA;
        }
        if (spec instanceof ConnectionSpec) {
            return FieldKind.LINK;
        }
        return FieldKind.JSON;
    }

    /** Without a usable schema: the value's JSON type decides. */
    private static FieldKind infer(Node node, String key, JsonNode value, InputSpec spec, boolean promptText) {
        if (value.isIntegralNumber()) {
            return Seeds.isSeed(key, spec) ? FieldKind.SEED : FieldKind.INT;
        }
        if (value.isNumber()) {
            return FieldKind.FLOAT;
        }
        if (value.isBoolean()) {
            return FieldKind.BOOLEAN;
        }
        if (value.isTextual()) {
            if (promptText || hasNewline(value)) {
                return FieldKind.TEXT;
            }
            if (node.classType().contains("Load") && MEDIA_FILE.matcher(value.asText()).matches()) {
                return FieldKind.MEDIA;
            }
            return FieldKind.STRING;
        }
        return FieldKind.JSON; // objects, lists that are not links, null
    }

    private static boolean hasNewline(JsonNode value) {
        return value.isTextual() && value.asText().indexOf('\n') >= 0;
    }

    /**
     * A node that turns prompt text into conditioning: CLIPTextEncode and its many variants by name, or any node
     * whose schema outputs CONDITIONING from a multiline string.
     */
    static boolean isTextEncoder(Node node, NodeSchemas schemas) {
        String lower = node.classType().toLowerCase(Locale.ROOT);
        if (lower.contains("textencode") || lower.contains("promptencode")) {
            return true;
        }
        NodeSchema schema = schemas.schema(node.classType()).orElse(null);
        if (schema == null || !schema.outputTypes().contains("CONDITIONING")) {
            return false;
        }
        return schema.inputs().stream().anyMatch(spec -> spec instanceof StringSpec s && s.multiline());
    }

    /** Walks conditioning links from samplers back to encoders and from encoders back to their text sources. */
    private static final class PromptGraph {

        private final Workflow workflow;
        private final NodeSchemas schemas;
        private final Map<String, PromptRole> roles = new HashMap<>();

        PromptGraph(Workflow workflow, NodeSchemas schemas) {
            this.workflow = workflow;
            this.schemas = schemas;
        }

        Map<String, PromptRole> roles() {
            for (Node node : workflow.nodes()) {
                for (Input input : node.inputs()) {
                    if (!(input.value() instanceof InputValue.Link link)) {
                        continue;
                    }
                    PromptRole role = startRole(node, input.key());
                    if (role != null) {
                        walkConditioning(link, role, new HashSet<>());
                    }
                }
            }
            return roles;
        }

        /** Where prompt roles start: positive/negative inputs, and a guider's single conditioning (Flux). */
        private static PromptRole startRole(Node node, String key) {
            if (key.equals("positive")) {
                return PromptRole.POSITIVE;
            }
            if (key.equals("negative")) {
                return PromptRole.NEGATIVE;
            }
            if (key.equals("conditioning") && node.classType().contains("Guider")) {
                return PromptRole.POSITIVE;
            }
            return null;
        }

        private void walkConditioning(InputValue.Link link, PromptRole role, Set<String> visited) {
            Node node = workflow.node(link.nodeId()).orElse(null);
            if (node == null || !visited.add(node.id() + "#" + link.outputIndex())) {
                return;
            }
            if (isTextEncoder(node, schemas)) {
                mark(node, role);
                for (Input input : node.inputs()) {
                    if (input.value() instanceof InputValue.Link textLink && carriesText(node, input.key())) {
                        walkTextSource(textLink, role, MAX_TEXT_SOURCE_DEPTH, new HashSet<>());
                    }
                }
                return;
            }
            // A node passing positive and negative through (ControlNetApplyAdvanced): follow the side that produced
            // the output we came from.
            Input positive = node.input("positive").orElse(null);
            Input negative = node.input("negative").orElse(null);
            if (positive != null && negative != null && positive.isLink() && negative.isLink()) {
                Input side = isNegativeOutput(node, link.outputIndex()) ? negative : positive;
                walkConditioning((InputValue.Link) side.value(), role, visited);
                return;
            }
            for (Input input : node.inputs()) {
                if (input.value() instanceof InputValue.Link next && carriesConditioning(node, input.key())) {
                    walkConditioning(next, role, visited);
                }
            }
        }

        private boolean isNegativeOutput(Node node, int outputIndex) {
            List<String> names = schemas.schema(node.classType()).map(NodeSchema::outputNames).orElse(List.of());
            if (outputIndex < names.size()) {
                return names.get(outputIndex).toLowerCase(Locale.ROOT).contains("negative");
            }
            return outputIndex == 1;
        }

        private boolean carriesConditioning(Node node, String key) {
            InputSpec spec = schemas.spec(node.classType(), key).orElse(null);
            if (spec instanceof ConnectionSpec connection) {
                return connection.types().contains("CONDITIONING");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            return lower.contains("cond") || lower.equals("positive") || lower.equals("negative");
        }

        /** A link that brings text (not a CLIP model or an image): by schema when known, else by its name. */
        private boolean carriesText(Node node, String key) {
            InputSpec spec = schemas.spec(node.classType(), key).orElse(null);
            if (spec instanceof StringSpec) {
                return true;
            }
            if (spec instanceof ConnectionSpec connection) {
                return connection.types().contains("STRING");
            }
            return spec == null && TEXT_KEY.matcher(key).matches();
        }

        /** A prompt whose text comes from another node (a primitive, a string concat): that node's text is it. */
        private void walkTextSource(InputValue.Link link, PromptRole role, int depth, Set<String> visited) {
            Node node = workflow.node(link.nodeId()).orElse(null);
            if (node == null || depth == 0 || !visited.add(node.id())) {
                return;
            }
            boolean hasText = false;
            for (Input input : node.inputs()) {
                if (input.value() instanceof InputValue.Literal literal && literal.raw().isTextual()
                        && TEXT_KEY.matcher(input.key()).matches()) {
                    hasText = true;
                } else if (input.value() instanceof InputValue.Link next && carriesText(node, input.key())) {
                    walkTextSource(next, role, depth - 1, visited);
                }
            }
            if (hasText) {
                mark(node, role);
            }
        }

        private void mark(Node node, PromptRole role) {
            roles.merge(node.id(), role, (old, added) -> old == added ? old : PromptRole.PROMPT);
        }
    }
}
