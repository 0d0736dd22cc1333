/** The built-in local RunComfy-compatible server. No JavaFX. */
package app.comfydesk.sandbox;
