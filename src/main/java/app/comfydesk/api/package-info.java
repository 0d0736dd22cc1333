/** The RunComfy Serverless API client and its JSON types. No JavaFX. */
package app.comfydesk.api;
