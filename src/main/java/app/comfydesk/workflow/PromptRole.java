package app.comfydesk.workflow;

/**
 * What a text input means in the graph, so the form can put prompts first and label them. Declared in the order
 * prompts are shown and chosen (positive first): the natural order of the enum is that order.
 */
public enum PromptRole {
    /** Reaches a sampler's positive conditioning (or a guider's only conditioning). */
    POSITIVE,
    /** Reaches a sampler's negative conditioning. */
    NEGATIVE,
    /** Text of a text encoder whose role the graph does not say (unconnected, or feeding both sides). */
    PROMPT,
    NONE
}
