/** The command line over the same engine. No JavaFX. */
package app.comfydesk.cli;
