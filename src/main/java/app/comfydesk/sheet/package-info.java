/**
 * Contact sheets: a sweep's results as one labelled grid PNG (Java2D and ImageIO, no JavaFX), with the sweep's
 * definition and each cell's workflow in PNG text chunks. Depends only on the workflow layer.
 *
 * <ul>
 *   <li>{@link app.comfydesk.sheet.ContactSheet}: what to draw (axes, cells, common parameters).</li>
 *   <li>{@link app.comfydesk.sheet.SheetLayout}: where everything goes, so a UI grid can share the geometry.</li>
 *   <li>{@link app.comfydesk.sheet.ContactSheetRenderer}: draws and encodes it.</li>
 * </ul>
 */
package app.comfydesk.sheet;
