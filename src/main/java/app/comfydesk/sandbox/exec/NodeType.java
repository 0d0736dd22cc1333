package app.comfydesk.sandbox.exec;

/** How one ComfyUI class type runs in the sandbox: inputs in, one value per output slot out. */
@FunctionalInterface
interface NodeType {

    Object[] run(NodeCall call) throws Exception;
}
