/** The ComfyUI workflow model: parsing workflow_api.json, object_info.json and PNG metadata; edits, overrides, validation. No I/O beyond reading a file; no JavaFX. */
package app.comfydesk.workflow;
