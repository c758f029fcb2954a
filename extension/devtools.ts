/**
 * The devtools page: lives as long as DevTools is open for the inspected tab. It registers the
 * "Media Collection" panel. (Capture starts here in a later release, before the panel is shown.)
 */
import browser from 'webextension-polyfill';

void browser.devtools.panels.create('Media Collection', 'icons/panel.svg', 'panel.html');
