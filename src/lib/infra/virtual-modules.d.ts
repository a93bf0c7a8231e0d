/** The slice of infra/fedplay.template.json the inspector reads, made at build time (vite.config.ts). */
declare module 'virtual:inspector-template' {
	const template: import('./template-resolver').Template;
	export default template;
}
