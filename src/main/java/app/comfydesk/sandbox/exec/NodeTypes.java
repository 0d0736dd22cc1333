package app.comfydesk.sandbox.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The class types the sandbox can run, and which of them are output nodes (what ComfyUI runs a graph for). */
final class NodeTypes {

    private final Map<String, NodeType> types = new LinkedHashMap<>();
    private final Set<String> outputs = new TreeSet<>();

    static NodeTypes standard() {
        NodeTypes registry = new NodeTypes();
        ImageNodes.register(registry);
        ModelStandIns.register(registry);
        return registry;
    }

    void add(String classType, NodeType type) {
        if (types.putIfAbsent(classType, type) != null) {
            throw new IllegalStateException("registered twice: " + classType);
        }
    }

    void addOutput(String classType, NodeType type) {
        add(classType, type);
        outputs.add(classType);
    }

    NodeType get(String classType) {
        return types.get(classType);
    }

    boolean isOutput(String classType) {
        return outputs.contains(classType);
    }

    Set<String> classTypes() {
        return Collections.unmodifiableSet(new TreeSet<>(types.keySet()));
    }
}
