/** Job store (SQLite), poller and output downloader; publishes job events. No JavaFX. */
package app.comfydesk.jobs;
