/**
 * Variations: sweeps (X / Y / Z axes over any input) and dynamic prompts. Pure logic over
 * {@link app.comfydesk.workflow.WorkflowEdit}; no JavaFX, no I/O beyond reading wildcard files.
 *
 * <ul>
 *   <li>{@link app.comfydesk.workflow.variations.AxisGrammar} reads an axis's text (lists, ranges, {@code S/R:},
 *   {@code ALL:}) into {@link app.comfydesk.workflow.variations.AxisValue}s;
 *   {@link app.comfydesk.workflow.variations.SweepAxis#parse} does so for an input of a base edit.</li>
 *   <li>{@link app.comfydesk.workflow.variations.Sweep}: up to three axes times a batch; {@code cells()} in
 *   submission order (X fastest), {@code apply(base, cell[, seedModes, salt])} gives each job's edit,
 *   {@code describe(cell)} / {@code definition()} / {@code fromDefinition(...)} the JSON forms.</li>
 *   <li>{@link app.comfydesk.workflow.variations.DynamicPrompt}: {@code {a|b}}, {@code {2$$a|b|c}}, weights,
 *   {@code __wildcards__}; random by seed or every combination.
 *   {@link app.comfydesk.workflow.variations.DynamicPrompts#expand} applies it to an edit's prompt inputs.</li>
 *   <li>{@link app.comfydesk.workflow.variations.Wildcards} / {@link app.comfydesk.workflow.variations.WildcardFolder}
 *   supply wildcard lines, bounded and kept inside their folder.</li>
 * </ul>
 * Every mistake in the user's text is a {@link app.comfydesk.workflow.variations.VariationException} whose message
 * names the input and what to change.
 */
package app.comfydesk.workflow.variations;
