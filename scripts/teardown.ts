/**
 * `npm run teardown` — remove a Fedplay deployment: empty the site bucket, delete the stack. The players' data
 * (game-data bucket and scores table) is retained by the template; `--delete-data` removes it too.
 * `--dry-run` prints what would go without touching anything.
 */
import {
	CloudFormationClient,
	DeleteStackCommand,
	DescribeStacksCommand,
	waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteBucketCommand, DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describeDeployError } from './deploy/errors';
import { OptionsError } from './deploy/options';
import { listRemote } from './deploy/sync';

interface TeardownOptions {
	stackName: string;
	region: string;
	deleteData: boolean;
	dryRun: boolean;
}

function parse(argv: string[], env: NodeJS.ProcessEnv): TeardownOptions {
	const options: TeardownOptions = {
		stackName: env.FEDPLAY_STACK ?? 'fedplay',
		region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
		deleteData: false,
		dryRun: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--delete-data') options.deleteData = true;
		else if (arg === '--dry-run') options.dryRun = true;
		else if (arg === '--stack' && argv[i + 1]) options.stackName = argv[++i]!;
		else if (arg === '--region' && argv[i + 1]) options.region = argv[++i]!;
		else throw new OptionsError(`unknown or incomplete option ${arg}`);
	}
	return options;
}

async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
	const objects = await listRemote(s3, bucket);
	for (const o of objects) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.key }));
	return objects.length;
}

async function main(): Promise<void> {
	const options = parse(process.argv.slice(2), process.env);
	const cfn = new CloudFormationClient({ region: options.region });
	const stack = (await cfn.send(new DescribeStacksCommand({ StackName: options.stackName })))
		.Stacks?.[0];
	const outputs = Object.fromEntries(
		(stack?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
	);
	const site = outputs['SiteBucketName'];
	const data = outputs['GameDataBucketName'];
	const table = outputs['ScoresTableName'];
	console.log(`stack ${options.stackName} in ${options.region}`);
	console.log(`  empty and delete the site bucket ${site ?? '(none)'}, then delete the stack`);
	console.log(
		options.deleteData
			? `  then DELETE the players' data: bucket ${data} and table ${table}`
			: `  keep the players' data (retained): bucket ${data} and table ${table}`,
	);
	if (options.dryRun) return;

	const s3 = new S3Client({ region: options.region });
	if (site) console.log(`removed ${await emptyBucket(s3, site)} site file(s)`);
	await cfn.send(new DeleteStackCommand({ StackName: options.stackName }));
	await waitUntilStackDeleteComplete(
		{ client: cfn, maxWaitTime: 45 * 60, minDelay: 10, maxDelay: 30 },
		{ StackName: options.stackName },
	);
	console.log('stack deleted');
	if (options.deleteData && data && table) {
		console.log(`removed ${await emptyBucket(s3, data)} player file(s)`);
		await s3.send(new DeleteBucketCommand({ Bucket: data }));
		await new DynamoDBClient({ region: options.region }).send(
			new DeleteTableCommand({ TableName: table }),
		);
		console.log('players’ data deleted');
	}
}

main().catch((error: unknown) => {
	console.error(`teardown failed: ${describeDeployError(error)}`);
	process.exitCode = 1;
});
