/**
 * Carry out a DeployPlan against an S3 bucket, then invalidate CloudFront. Uses only the AWS SDK; the
 * credentials come from whatever client the caller built (the standard chain in `npm run deploy`).
 */
import {
	DeleteObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	type S3Client,
} from '@aws-sdk/client-s3';
import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { type DeployPlan, type LocalFile, type RemoteObject } from './plan';

/**
 * Every object in the bucket under `prefix` (paginated), with keys relative to the prefix. A prefix such as
 * `games/fedplay/` deploys the site under a path, which the build supports without a rebuild.
 */
export async function listRemote(
	s3: S3Client,
	bucket: string,
	prefix = '',
): Promise<RemoteObject[]> {
	const objects: RemoteObject[] = [];
	let token: string | undefined;
	do {
		const page = await s3.send(
			new ListObjectsV2Command({
				Bucket: bucket,
				ContinuationToken: token,
				...(prefix === '' ? {} : { Prefix: prefix }),
			}),
		);
		for (const o of page.Contents ?? []) {
			if (o.Key?.startsWith(prefix)) {
				objects.push({ key: o.Key.slice(prefix.length), etag: o.ETag ?? '' });
			}
		}
		token = page.IsTruncated ? page.NextContinuationToken : undefined;
	} while (token !== undefined);
	return objects;
}

/** Upload in the plan's order (assets before index.html), then delete stale objects. */
export async function applyPlan(
	s3: S3Client,
	bucket: string,
	plan: DeployPlan,
	files: LocalFile[],
	log: (line: string) => void = () => {},
	prefix = '',
): Promise<void> {
	const byKey = new Map(files.map((f) => [f.key, f]));
	for (const upload of plan.uploads) {
		const file = byKey.get(upload.key);
		if (file === undefined) throw new Error(`planned upload ${upload.key} has no local file`);
		await s3.send(
			new PutObjectCommand({
				Bucket: bucket,
				Key: prefix + upload.key,
				Body: file.body,
				ContentType: upload.contentType,
				CacheControl: upload.cacheControl,
			}),
		);
		log(`uploaded ${upload.key}`);
	}
	// One DeleteObject per key: a site has tens of files, and it needs only s3:DeleteObject (DeleteObjects
	// would also need a Content-MD5/checksum header that some S3-compatible stores reject).
	for (const key of plan.deletes) {
		await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + key }));
		log(`deleted ${key}`);
	}
}

/** Invalidate only the plan's paths; nothing at all when only new hashed assets were added. */
export async function invalidate(
	cloudfront: CloudFrontClient,
	distributionId: string,
	plan: DeployPlan,
): Promise<string | null> {
	if (plan.invalidations.length === 0) return null;
	const result = await cloudfront.send(
		new CreateInvalidationCommand({
			DistributionId: distributionId,
			InvalidationBatch: {
				CallerReference: `fedplay-${Date.now()}`,
				Paths: { Quantity: plan.invalidations.length, Items: plan.invalidations },
			},
		}),
	);
	return result.Invalidation?.Id ?? null;
}
