package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns object_info.json entries into {@link NodeSchema}s. Never throws on odd shapes: they become UnknownSpec. */
final class SpecParser {

    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /**
     * Python writes 0xffffffffffffffff through a float as 1.8446744073709552e+19 (= 18446744073709552000 in
     * JavaScript's printing), which is 2^64 + 384 when read exactly. Anything from 2^64-1 up to that is the same
     * intent: the full unsigned 64-bit range.
     */
    private static final BigDecimal UINT64_FLOAT = new BigDecimal("18446744073709552000");
    private static final BigDecimal UINT64_MAX_DECIMAL = new BigDecimal(UINT64_MAX);
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_*.:\\- ]+(,[A-Za-z0-9_*.:\\- ]+)*");
    private static final List<String> SECTIONS = List.of("required", "optional");

    private SpecParser() {
    }

    static NodeSchema node(String classType, JsonNode json) {
        List<InputSpec> inputs = new ArrayList<>();
        JsonNode input = json.path("input");
        JsonNode order = json.path("input_order");
        for (String section : SECTIONS) {
            JsonNode specs = input.path(section);
            if (!specs.isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : ordered(specs, order.path(section)).entrySet()) {
                inputs.add(input(entry.getKey(), entry.getValue(), section.equals("optional")));
            }
        }
        String displayName = text(json.get("display_name"));
        return new NodeSchema(classType, displayName == null || displayName.isBlank() ? classType : displayName,
                textOr(json.get("category"), ""), inputs, typeNames(json.path("output")),
                typeNames(json.path("output_name")), json.path("output_node").asBoolean(false));
    }

    /** The section's entries in input_order when given; names input_order misses keep their file order after. */
    private static Map<String, JsonNode> ordered(JsonNode specs, JsonNode order) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        if (order.isArray()) {
            for (JsonNode name : order) {
                if (name.isTextual() && specs.has(name.asText())) {
                    result.put(name.asText(), specs.get(name.asText()));
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = specs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            result.putIfAbsent(e.getKey(), e.getValue());
        }
        return result;
    }

    static InputSpec input(String name, JsonNode raw, boolean optional) {
        if (!raw.isArray()) {
            return new UnknownSpec(name, optional, null, raw, "spec is " + raw.getNodeType().name().toLowerCase()
                    + ", not a list");
        }
        if (raw.isEmpty()) {
            return new UnknownSpec(name, optional, null, raw, "empty spec");
        }
        JsonNode first = raw.get(0);
        JsonNode opts = raw.size() > 1 && raw.get(1).isObject() ? raw.get(1) : MissingNode.getInstance();
        String tooltip = text(opts.get("tooltip"));
        if (first.isArray()) {
            return choice(name, optional, tooltip, elements(first), opts);
        }
        if (!first.isTextual()) {
            return new UnknownSpec(name, optional, tooltip, raw, "type is not a string");
        }
        String type = first.asText().strip();
        if (opts.path("forceInput").asBoolean(false)) {
            return new ConnectionSpec(name, optional, tooltip, splitTypes(type)); // a socket, never a widget
        }
        return typed(name, optional, tooltip, type, opts, raw);
    }

    private static InputSpec typed(String name, boolean optional, String tooltip, String type, JsonNode opts,
                                   JsonNode raw) {
        switch (type) {
            case "INT":
                return new IntSpec(name, optional, tooltip, opts.get("default"), intBound(opts.get("min"), true),
                        intBound(opts.get("max"), false), positiveInteger(opts.get("step")),
                        controlAfterGenerate(opts));
            case "FLOAT":
                return new FloatSpec(name, optional, tooltip, opts.get("default"), decimal(opts.get("min")),
                        decimal(opts.get("max")), decimal(opts.get("step")), decimal(opts.get("round")));
            case "STRING":
                return new StringSpec(name, optional, tooltip, opts.get("default"),
                        opts.path("multiline").asBoolean(false), opts.path("dynamicPrompts").asBoolean(false),
                        text(opts.get("placeholder")));
            case "BOOLEAN":
                return new BooleanSpec(name, optional, tooltip, opts.get("default"), text(opts.get("label_on")),
                        text(opts.get("label_off")));
            case "COMBO":
                return choice(name, optional, tooltip, elements(opts.path("options")), opts);
            case "COMFY_DYNAMICCOMBO_V3": {
                // Options are {"key": ..., "inputs": {...}}: the value in the workflow is the key; the sub-inputs
                // appear as separate "<name>.<sub>" inputs the workflow lists by themselves.
                List<JsonNode> keys = new ArrayList<>();
                for (JsonNode option : opts.path("options")) {
                    keys.add(option.isObject() ? option.path("key") : option);
                }
                keys.removeIf(JsonNode::isMissingNode);
                return choice(name, optional, tooltip, keys, opts);
            }
            case "COMFY_MATCHTYPE_V3": {
                String allowed = text(opts.path("template").get("allowed_types"));
                return new ConnectionSpec(name, optional, tooltip, allowed == null ? List.of("*")
                        : splitTypes(allowed));
            }
            case "COMFY_AUTOGROW_V3":
                return new UnknownSpec(name, optional, tooltip, raw, "dynamic input group (V3 autogrow); its inputs "
                        + "appear as " + name + ".<n> in the workflow");
            default:
                break;
        }
        String widgetType = text(opts.get("widgetType"));
        if (widgetType != null && !widgetType.equals(type) && !widgetType.contains(",")) {
            // Multi-type sockets that also show a widget (e.g. "STRING,FILE_3D,..." with widgetType STRING).
            return typed(name, optional, tooltip, widgetType.strip(), opts, raw);
        }
        if (opts.path("socketless").asBoolean(false)) {
            return new UnknownSpec(name, optional, tooltip, raw, "socketless custom widget " + type);
        }
        if (!type.isEmpty() && TYPE_NAME.matcher(type).matches()) {
            return new ConnectionSpec(name, optional, tooltip, splitTypes(type));
        }
        return new UnknownSpec(name, optional, tooltip, raw, "unrecognised type \"" + type + "\"");
    }

    private static InputSpec choice(String name, boolean optional, String tooltip, List<JsonNode> options,
                                    JsonNode opts) {
        UploadSpec.Media media = uploadMedia(opts);
        if (media != null) {
            return new UploadSpec(name, optional, tooltip, media, opts.get("default"), options);
        }
        return new ComboSpec(name, optional, tooltip, opts.get("default"), options,
                opts.path("multiselect").asBoolean(false), controlAfterGenerate(opts));
    }

    /** image_upload / video_upload / audio_upload / file_upload (and animated_image_upload, V3's "upload"). */
    private static UploadSpec.Media uploadMedia(JsonNode opts) {
        String kind = text(opts.get("upload"));
        for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext() && kind == null; ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("_upload") && e.getValue().asBoolean(false)) {
                kind = e.getKey();
            }
        }
        if (kind == null) {
            return null;
        }
        if (kind.contains("image")) {
            return UploadSpec.Media.IMAGE;
        }
        if (kind.contains("video")) {
            return UploadSpec.Media.VIDEO;
        }
        if (kind.contains("audio")) {
            return UploadSpec.Media.AUDIO;
        }
        return UploadSpec.Media.FILE;
    }

    private static String controlAfterGenerate(JsonNode opts) {
        JsonNode value = opts.get("control_after_generate");
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isBoolean() ? String.valueOf(value.booleanValue()) : value.asText();
    }

    /** Integer bound with the 2^64-1 float spellings normalised; fractional bounds round inward. */
    static BigInteger intBound(JsonNode node, boolean lower) {
        BigDecimal value = decimal(node);
        if (value == null) {
            return null;
        }
        BigDecimal magnitude = value.abs();
        if (magnitude.compareTo(UINT64_MAX_DECIMAL) >= 0 && magnitude.compareTo(UINT64_FLOAT) <= 0) {
            return value.signum() < 0 ? UINT64_MAX.negate() : UINT64_MAX;
        }
        return value.setScale(0, lower ? RoundingMode.CEILING : RoundingMode.FLOOR).toBigIntegerExact();
    }

    private static BigInteger positiveInteger(JsonNode node) {
        BigDecimal value = decimal(node);
        if (value == null || value.signum() <= 0) {
            return null;
        }
        return value.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null ? null : ExactJson.decimal(node);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(list::add);
        }
        return list;
    }

    private static List<String> splitTypes(String type) {
        List<String> types = new ArrayList<>();
        for (String part : type.split(",")) {
            if (!part.isBlank()) {
                types.add(part.strip());
            }
        }
        return types.isEmpty() ? List.of("*") : types;
    }

    private static List<String> typeNames(JsonNode array) {
        List<String> names = new ArrayList<>();
        for (JsonNode element : array) {
            names.add(element.isTextual() ? element.asText() : element.isArray() ? "COMBO" : "*");
        }
        return names;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String textOr(JsonNode node, String fallback) {
        String text = text(node);
        return text == null ? fallback : text;
    }
}
