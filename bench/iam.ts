/**
 * Policy evaluation cost: a 10-statement policy with variables, per call, after warm-up; then wildcard matching
 * on hostile input (iam-wildcards.ts).
 */
import { evaluate, parsePolicy } from '../src/lib/iam';
import { benchIamWildcards } from './iam-wildcards';

export async function benchIam(): Promise<void> {
	const identity = [
		parsePolicy(
			{
				Version: '2012-10-17',
				Statement: Array.from({ length: 10 }, (_, i) => ({
					Effect: 'Allow',
					Action: [`dynamodb:Get${i}`, 's3:GetObject'],
					Resource: `arn:aws:s3:::fedplay-data/players/\${localhost:4000:sub}/${i}/*`,
					Condition: { StringLike: { 's3:prefix': ['players/${localhost:4000:sub}/*'] } },
				})),
			},
			'Big',
			'identity-based',
		),
	];
	const request = {
		principal: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/alice',
		action: 's3:GetObject',
		resource: 'arn:aws:s3:::fedplay-data/players/alice/9/x',
		context: { 'localhost:4000:sub': 'alice', 's3:prefix': 'players/alice/' },
	};
	for (let i = 0; i < 2000; i++) evaluate(request, { identity });
	const runs = 20_000;
	const start = performance.now();
	for (let i = 0; i < runs; i++) evaluate(request, { identity });
	const perCallMs = (performance.now() - start) / runs;
	console.log(
		`iam: evaluate, 10 statements with variables: ${(perCallMs * 1000).toFixed(1)} µs per call ` +
			`(target < 100 µs: ${(perCallMs / 0.1).toFixed(2)}× of target)`,
	);
	await benchIamWildcards();
}
