/**
 * IPC channel names shared by the main process and the preload. Kept free of imports so the
 * sandboxed preload bundle stays small.
 */

/** One channel per API method: `gloss:<method>`. */
export const API_CHANNEL_PREFIX = 'gloss:';
export const IMPORT_WITH_DIALOG_CHANNEL = 'shell:importWithDialog';
export const SAVE_EXPORT_CHANNEL = 'shell:saveExport';
export const EXPORT_WITH_DIALOG_CHANNEL = 'shell:exportWithDialog';
export const SAVE_COPY_WITH_DIALOG_CHANNEL = 'shell:saveCopyWithDialog';
/** Renderer → main: open this link in the browser, after the user confirms it. */
export const OPEN_LINK_CHANNEL = 'shell:openLink';
/** Main → renderer: a menu item or its accelerator was used. */
export const MENU_COMMAND_CHANNEL = 'menu-command';
