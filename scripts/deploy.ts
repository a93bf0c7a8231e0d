/**
 * `npm run deploy` — deploy or update the Fedplay stack, write config.json from its outputs, upload the built
 * site with the right caching headers, remove stale files, and invalidate only what changed.
 * `--dry-run` prints the plan and touches nothing in AWS. Credentials come from the standard AWS chain.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { OptionsError, parseDeployOptions } from './deploy/options';
import { formatPlan, planDeploy, readSite, type LocalFile } from './deploy/plan';
import { configFromOutputs, deployStack, stackParameters } from './deploy/stack';
import { applyPlan, invalidate, listRemote } from './deploy/sync';
import { describeDeployError } from './deploy/errors';

const TEMPLATE = new URL('../infra/fedplay.template.json', import.meta.url);

function configFile(config: object): LocalFile {
	const body = Buffer.from(`${JSON.stringify(config, null, 2)}\n`);
	return { key: 'config.json', body, md5: createHash('md5').update(body).digest('hex') };
}

async function main(): Promise<void> {
	const options = parseDeployOptions(process.argv.slice(2), process.env);
	if (!existsSync(`${options.siteDir}/index.html`)) {
		throw new OptionsError(`${options.siteDir}/index.html not found: run \`npm run build\` first`);
	}
	const templateBody = await readFile(TEMPLATE, 'utf8');
	// The site's own config.json is the sandbox's; the deployed one comes from the stack outputs.
	const site = (await readSite(options.siteDir)).filter((f) => f.key !== 'config.json');

	if (options.dryRun) {
		console.log(`[dry run] stack ${options.stackName} in ${options.region} with parameters:`);
		for (const p of stackParameters(options))
			console.log(`  ${p.ParameterKey}=${p.ParameterValue}`);
		console.log('[dry run] upload plan against an empty bucket (nothing is read from AWS):');
		console.log(formatPlan(planDeploy([...site, configFile({})], [])));
		return;
	}

	const cfn = new CloudFormationClient({ region: options.region });
	const outputs = await deployStack(cfn, options, templateBody, console.log);
	const siteBucket = outputs.SiteBucketName;
	const distributionId = outputs.DistributionId;
	if (!siteBucket || !distributionId)
		throw new Error('the stack has no SiteBucketName/DistributionId output');

	const files = [...site, configFile(configFromOutputs(outputs, options))];
	const s3 = new S3Client({ region: options.region });
	const plan = planDeploy(files, await listRemote(s3, siteBucket));
	console.log(formatPlan(plan));
	await applyPlan(s3, siteBucket, plan, files, console.log);
	const invalidation = await invalidate(
		new CloudFrontClient({ region: 'us-east-1' }),
		distributionId,
		plan,
	);
	if (invalidation) console.log(`invalidation ${invalidation} started`);
	console.log(`\nFedplay is live at ${outputs.SiteUrl ?? '(see the stack outputs)'}`);
	console.log(
		'Register this redirect URI with your provider:',
		outputs.RedirectUri ?? '<site>/callback',
	);
	if (options.amazonAppId !== undefined)
		console.log(
			"Login with Amazon: in the security profile's Web Settings, add the site as an Allowed Origin and the redirect URI as an Allowed Return URL:",
			outputs.SiteUrl ?? '<site>',
		);
}

main().catch((error: unknown) => {
	console.error(`deploy failed: ${describeDeployError(error)}`);
	process.exitCode = 1;
});
