/** Debian's Chromium and the flags every benchmark launches it with (as the end-to-end tests do). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
