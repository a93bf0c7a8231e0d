import type { RuntimeConfig } from '../config/schema';
import { tableSchemaOf, type RequestEnvironment } from '../iam/request';
import { tableFromTemplate, type TemplateConfig } from './role-policies';

/** What of the runtime config says where the app's calls go. */
export type EnvironmentConfig = TemplateConfig & Pick<RuntimeConfig, 'endpoint'>;

/**
 * Where the app's calls went, as the request mapping reads a recorded call: the runtime config's bucket and
 * endpoint, and the template's table. Against a custom endpoint (the sandbox) the app addresses S3
 * path-style (src/lib/aws/calls.ts: `forcePathStyle`); against AWS the SDK puts the bucket in the host.
 */
export function requestEnvironment(
	config: EnvironmentConfig,
	accountId: string,
): RequestEnvironment {
	const table = tableFromTemplate(config, accountId);
	const s3Hosts =
		config.endpoint === undefined
			? [`s3.${config.region}.amazonaws.com`, 's3.amazonaws.com']
			: [new URL(config.endpoint).hostname.toLowerCase()];
	return {
		region: config.region,
		accountId,
		bucket: config.bucket,
		endpointHosts: s3Hosts,
		virtualHostBases: config.endpoint === undefined ? s3Hosts : [],
		tables: table === null ? [] : [tableSchemaOf(table)],
	};
}
