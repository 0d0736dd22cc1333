package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable ComfyUI workflow in API format. It keeps the parsed JSON tree (private, never handed out) so that
 * writing it back gives exactly what was read: same keys, same order, same number text, and every node key this
 * model does not interpret ({@code _meta}, {@code is_changed}, ...).
 *
 * <p>Create one with {@link WorkflowReader}.
 */
public final class Workflow {

    private final ObjectNode tree;
    private final List<Node> nodes;
    private final Map<String, Node> byId;
    private final Map<String, Integer> positions;

    /** @param tree a validated node map (see WorkflowReader); owned by this instance from now on */
    Workflow(ObjectNode tree) {
        this.tree = tree;
        Map<String, Node> index = new LinkedHashMap<>();
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            index.put(id, null); // ids first: whether a list is a link depends on which ids exist
        }
        List<Node> list = new ArrayList<>(tree.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Node node = toNode(entry.getKey(), entry.getValue(), index.keySet());
            index.put(node.id(), node);
            list.add(node);
        }
        this.nodes = Collections.unmodifiableList(list);
        this.byId = Collections.unmodifiableMap(index);
        Map<String, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            order.put(list.get(i).id(), i);
        }
        this.positions = order;
    }

    private static Node toNode(String id, JsonNode json, java.util.Set<String> ids) {
        JsonNode meta = json.get("_meta");
        JsonNode title = meta == null ? null : meta.get("title");
        List<Input> inputs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            inputs.add(new Input(e.getKey(), Links.classify(e.getValue(), ids)));
        }
        return new Node(id, json.get("class_type").asText(), title != null && title.isTextual() ? title.asText() : null,
                inputs);
    }

    /** Nodes in file order. */
    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Input> input(InputRef ref) {
        Node node = byId.get(ref.nodeId());
        return node == null ? Optional.empty() : node.input(ref.key());
    }

    public int size() {
        return nodes.size();
    }

    /** Pretty JSON equal to what was read (keys, order and number text), in ComfyUI's own layout. */
    public String toJson() {
        return ExactJson.writePretty(tree);
    }

    /** Compact JSON, for request bodies. */
    public String toCompactJson() {
        return ExactJson.write(tree);
    }

    /** A deep copy of the workflow JSON; changing it does not change this workflow. */
    public ObjectNode toObjectNode() {
        return tree.deepCopy();
    }

    /** File position of a node, or -1; lets edits list changes in workflow order. */
    int position(String nodeId) {
        return positions.getOrDefault(nodeId, -1);
    }

    /** The tree itself, for this package's read-only use (edits copy before they write). */
    ObjectNode tree() {
        return tree;
    }

    @Override
    public String toString() {
        return "Workflow[" + nodes.size() + " nodes]";
    }
}
