/**
 * The ComfyUI workflow model: parsing workflow_api.json, object_info.json and PNG metadata; edits, overrides,
 * validation. No I/O beyond reading a file; no JavaFX.
 *
 * <ul>
 *   <li>{@link app.comfydesk.workflow.WorkflowReader} → {@link app.comfydesk.workflow.LoadedWorkflow} holding an
 *   immutable {@link app.comfydesk.workflow.Workflow}; rejections are
 *   {@link app.comfydesk.workflow.WorkflowFormatException}s whose message is the one sentence for the user.</li>
 *   <li>{@link app.comfydesk.workflow.NodeSchemas} from object_info.json (or {@code builtIn()}), specs are the
 *   sealed {@link app.comfydesk.workflow.InputSpec} family.</li>
 *   <li>{@link app.comfydesk.workflow.FormFields} decides each input's {@link app.comfydesk.workflow.FieldKind} and
 *   {@link app.comfydesk.workflow.PromptRole}; {@link app.comfydesk.workflow.FieldValues} converts typed text.</li>
 *   <li>{@link app.comfydesk.workflow.WorkflowEdit}: immutable edits → overrides / applied workflow / validation;
 *   {@link app.comfydesk.workflow.Seeds} applies {@link app.comfydesk.workflow.SeedMode}s per run of a batch.</li>
 * </ul>
 *
 * <p>Numbers are never rounded: {@link app.comfydesk.workflow.ExactJson} keeps integers of any size and decimals as
 * written, and its nodes serialize exactly through any Jackson ObjectMapper. Build number nodes from user text with
 * {@link app.comfydesk.workflow.ExactJson#number(String)}, never through {@code double}.
 */
package app.comfydesk.workflow;
