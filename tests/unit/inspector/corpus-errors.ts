import type { CorpusEntry } from './corpus';

/**
 * Errors that are not denials, from public threads: the explainer must still classify them.
 * Each `source` is where the text was published (thread, page, or repository and path); the five fields a
 * message does not state are left out of `expected`, which means they must come out `null`.
 */
export const otherErrors: CorpusEntry[] = [
	{
		source: 'https://github.com/ByteNess/aws-vault/issues/325',
		input: 'InvalidClientTokenId: The security token included in the request is invalid',
		expected: { category: 'invalid-credentials', code: 'InvalidClientTokenId' },
	},
	{
		source: 'https://github.com/kciter/aws-ecr-action/issues/15',
		input:
			'An error occurred (UnrecognizedClientException) when calling the GetAuthorizationToken operation: The security token included in the request is invalid.',
		expected: { category: 'invalid-credentials', code: 'UnrecognizedClientException' },
	},
	{
		source: 'https://github.com/jenkinsci/amazon-ecr-plugin/issues/199',
		input:
			'com.amazonaws.services.ecr.model.AmazonECRException: Missing Authentication Token (Service: AmazonECR; Status Code: 400; Error Code: MissingAuthenticationTokenException; Request ID: ee4a32c8-1638-496a-8300-ba3817c6c878; Proxy: null)',
		expected: { category: 'invalid-credentials', code: 'MissingAuthenticationTokenException' },
	},
	{
		source: 'https://github.com/aws/aws-toolkit-azure-devops/issues/483',
		input:
			'##[error]Error: Failed to obtain authorization token to log in to ECR, error: CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1',
		expected: { category: 'invalid-credentials', code: 'CredentialsError' },
	},
	{
		source: 'https://github.com/aws-samples/sample-sonic-cdk-agent/issues/16',
		input:
			'Service error: DynamoDB error: The security token included in the request is expired\nDynamoDB ClientError: ExpiredTokenException - The security token included in the request is expired',
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/cloudquery/cq-provider-aws/pull/1171',
		input:
			'lambda.functions: failed to resolve table "aws_lambda_function_concurrency_configs": error at github.com/cloudquery/cq-provider-aws/resources/services/lambda.fetchLambdaFunctionConcurrencyConfigs[functions.go:1365] operation error Lambda: ListProvisionedConcurrencyConfigs, https response error StatusCode: 403, RequestID: xxxx, api error ExpiredTokenException: The security token included in the request is expired',
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/raisenational/serverless-dynamodb/issues/48',
		input:
			'botocore.exceptions.ClientError: An error occurred (ExpiredTokenException) when calling the Query operation: The security token included in the request is expired',
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/aws-samples/aws-iot-twinmaker-samples/issues/147',
		input:
			'botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the CreateRole operation: The security token included in the request is expired',
		expected: { category: 'expired-credentials', code: 'ExpiredToken' },
	},
	{
		source: 'https://github.com/aws-samples/amazon-s3-presigned-urls-aws-sam/issues/1',
		input:
			'    <Code>SignatureDoesNotMatch</Code>\n    <Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>\n    <AWSAccessKeyId>xxxxxxxxxxxxx</AWSAccessKeyId>\n    <StringToSign>PUT',
		expected: { category: 'signature-mismatch', code: 'SignatureDoesNotMatch' },
	},
	{
		source: 'https://github.com/ember-cli-deploy/ember-cli-deploy-s3/issues/64',
		input:
			'- SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		expected: { category: 'signature-mismatch', code: 'SignatureDoesNotMatch' },
	},
	{
		source: 'https://github.com/prestonlimlianjie/aws-s3-multipart-presigned-upload/issues/5',
		input:
			'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		expected: { category: 'signature-mismatch' },
	},
	{
		source: 'https://github.com/hashicorp-education/learn-terraform-dynamic-credentials/issues/2',
		input:
			"Error: failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, exceeded maximum number of attempts, 1, https response error StatusCode: 400, RequestID: 60b974d0-e680-4194-86b9-81b5a0e53f99, InvalidIdentityToken: OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/alphagov/gsp/pull/889',
		input:
			"An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		// No code: the wording alone names the identity provider's certificate.
		source: 'https://github.com/aws-actions/configure-aws-credentials/pull/358',
		input: "Error: OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
		expected: { category: 'invalid-identity-token' },
	},
];
