/* Decap CMS waits for kinerja-admin.js (locale, media library, save checks). */
window.CMS_MANUAL_INIT = true;
