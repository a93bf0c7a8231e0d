/**
 * Upload planning for `npm run deploy`: which files to put, with which headers, which stale objects to delete,
 * and which CloudFront paths to invalidate. Pure: no AWS calls, so `--dry-run` and tests use it as is.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface LocalFile {
	/** Object key, with forward slashes, relative to the site root (e.g. `assets/index-3f9a1c2b.js`). */
	key: string;
	body: Buffer;
	/** Hex MD5: what S3 reports as the ETag of a single-part upload. */
	md5: string;
}

export interface RemoteObject {
	key: string;
	/** As S3 returns it, possibly quoted. */
	etag: string;
}

export interface PlannedUpload {
	key: string;
	contentType: string;
	cacheControl: string;
	reason: 'new' | 'changed';
}

export interface DeployPlan {
	uploads: PlannedUpload[];
	unchanged: string[];
	deletes: string[];
	/** CloudFront invalidation paths: only what changed and can be cached under a stable name. */
	invalidations: string[];
}

/** Hashed, content-addressed build output: safe to cache forever. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry points and runtime config: always revalidate, so a deploy is seen at once. */
export const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
	html: 'text/html; charset=utf-8',
	js: 'text/javascript; charset=utf-8',
	mjs: 'text/javascript; charset=utf-8',
	css: 'text/css; charset=utf-8',
	json: 'application/json; charset=utf-8',
	webmanifest: 'application/manifest+json; charset=utf-8',
	svg: 'image/svg+xml',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	avif: 'image/avif',
	ico: 'image/x-icon',
	woff2: 'font/woff2',
	txt: 'text/plain; charset=utf-8',
	map: 'application/json; charset=utf-8',
};

/** Vite names build output `name-<hash>.ext` under `assets/`; the hash is 8+ url-safe characters. */
const HASHED = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function contentTypeFor(key: string): string {
	const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
	return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export function cacheControlFor(key: string): string {
	return HASHED.test(key) ? IMMUTABLE : REVALIDATE;
}

function unquote(etag: string): string {
	return etag.replace(/^"|"$/g, '');
}

/** Plan a sync of `local` over `remote`. `config.json` is never deleted, even if absent locally. */
export function planDeploy(local: LocalFile[], remote: RemoteObject[]): DeployPlan {
	const remoteByKey = new Map(remote.map((o) => [o.key, unquote(o.etag)]));
	const localKeys = new Set(local.map((f) => f.key));
	const uploads: PlannedUpload[] = [];
	const unchanged: string[] = [];
	for (const file of [...local].sort(
		(a, b) => uploadOrder(a.key) - uploadOrder(b.key) || cmp(a.key, b.key),
	)) {
		const etag = remoteByKey.get(file.key);
		if (etag === file.md5) {
			unchanged.push(file.key);
			continue;
		}
		uploads.push({
			key: file.key,
			contentType: contentTypeFor(file.key),
			cacheControl: cacheControlFor(file.key),
			reason: etag === undefined ? 'new' : 'changed',
		});
	}
	const deletes = remote
		.map((o) => o.key)
		.filter((key) => !localKeys.has(key) && key !== 'config.json')
		.sort(cmp);
	// Hashed assets get new names when they change, so only stable names need invalidating.
	const invalidations = [
		...uploads.filter((u) => u.reason === 'changed').map((u) => u.key),
		...deletes,
	]
		.filter((key) => cacheControlFor(key) !== IMMUTABLE)
		.flatMap((key) => (key === 'index.html' ? ['/', '/index.html'] : [`/${key}`]))
		.sort(cmp);
	return { uploads, unchanged, deletes, invalidations };
}

/**
 * Assets first and index.html last: a visitor who loads the new index.html mid-deploy must find every
 * asset it names already in place.
 */
function uploadOrder(key: string): number {
	if (key === 'index.html') return 2;
	return HASHED.test(key) ? 0 : 1;
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Read a build directory into LocalFiles (keys use `/` on every platform). */
export async function readSite(root: string): Promise<LocalFile[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	const files: LocalFile[] = [];
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const body = await readFile(path);
		files.push({
			key: relative(root, path).split(sep).join('/'),
			body,
			md5: createHash('md5').update(body).digest('hex'),
		});
	}
	return files;
}

/** A human-readable plan, printed by `--dry-run` and before a real deploy. */
export function formatPlan(plan: DeployPlan): string {
	const lines = [
		`upload ${plan.uploads.length} file(s), keep ${plan.unchanged.length}, delete ${plan.deletes.length}`,
		...plan.uploads.map((u) => `  + ${u.key}  (${u.reason}; ${u.contentType}; ${u.cacheControl})`),
		...plan.deletes.map((key) => `  - ${key}`),
		plan.invalidations.length > 0
			? `invalidate: ${plan.invalidations.join(' ')}`
			: 'invalidate: nothing (only new hashed assets)',
	];
	return lines.join('\n');
}
