/** Turn what the deploy can fail with into one clear sentence and a next step. */
import { OptionsError } from './options';

export function describeDeployError(error: unknown): string {
	if (error instanceof OptionsError) return `bad options:\n${error.message}\nSee README › Deploy.`;
	if (!(error instanceof Error)) return String(error);
	const name = error.name;
	if (name === 'CredentialsProviderError' || /Could not load credentials/.test(error.message)) {
		return (
			'no AWS credentials found. Configure the standard chain: `aws configure` / AWS_PROFILE, ' +
			'or AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), or SSO (`aws sso login`).'
		);
	}
	if (
		/AccessDenied|UnauthorizedOperation|not authorized to perform/.test(`${name} ${error.message}`)
	) {
		const action = /perform: ([\w-]+:\w+)/.exec(error.message)?.[1];
		return (
			`your AWS identity lacks a permission${action ? ` (${action})` : ''}: ${error.message}\n` +
			'The deploying identity needs CloudFormation, IAM (roles and OIDC providers), S3, DynamoDB and ' +
			'CloudFront permissions; see README › Deploy › Permissions.'
		);
	}
	if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
		return 'your AWS session has expired: refresh it (e.g. `aws sso login`) and run the deploy again.';
	}
	return `${name}: ${error.message}`;
}
