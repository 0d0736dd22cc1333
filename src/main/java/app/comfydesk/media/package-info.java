/**
 * Local media files sent as inputs (the command line's {@code --image}, the studio's image inputs): one rule for
 * which files may be read (regular files only, a size limit checked before reading) and one sniffer for what they
 * are. No JavaFX, no other ComfyDesk package.
 */
package app.comfydesk.media;
