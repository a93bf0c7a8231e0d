import { mount } from 'svelte';
import App from './App.svelte';
import { appBaseFromModuleUrl } from './lib/session';
import './app.css';

const target = document.getElementById('app');
if (target) {
	// This module's own URL locates the app (`<base>assets/…` once built), whatever the path prefix.
	mount(App, { target, props: { baseUrl: appBaseFromModuleUrl(import.meta.url) } });
}
