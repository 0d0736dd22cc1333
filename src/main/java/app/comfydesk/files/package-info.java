/** File helpers every layer shares (the atomic writer); no dependency on the rest of the app. */
package app.comfydesk.files;
