import type { AwsErrorExplanation } from '../../../src/lib/inspector/types';
import { decodedMessages } from './corpus-decoded';
import { otherErrors } from './corpus-errors';
import { foundLater } from './corpus-later';
import { deniedInThreads } from './corpus-threads';

/**
 * Real AWS error messages, as users pasted them into public issue threads or as AWS documents them, with
 * what `explainAwsError` must read out of each. `source` is where the text came from; entries whose shape
 * had to be built are marked `constructed: <why>`. Account ids and names are as published (some redacted
 * by their authors with `XXX`, `***` or `<…>`).
 *
 * The five fields a denial can state — principal, action, resource, denyKind, policyType — are read from
 * `expected` with `null` for any left out: a field the message does not state must come out `null`.
 */
export interface CorpusEntry {
	source: string;
	input: unknown;
	expected: Partial<AwsErrorExplanation>;
}

const IAM_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
const S3_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html';

const accessDenied: CorpusEntry[] = [
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories with an explicit deny in a service control policy',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::777788889999:user/JohnDoe',
			action: 'codecommit:ListRepositories',
			resource: null,
			denyKind: 'explicit',
			policyType: 'scp',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codecommit:ListRepositories',
			denyKind: 'implicit',
			policyType: 'vpc-endpoint',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codedeploy:ListDeployments',
			resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
			denyKind: 'explicit',
			policyType: 'vpc-endpoint',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codedeploy:ListDeployments',
			resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
			denyKind: 'implicit',
			policyType: 'permissions-boundary',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \nsagemaker:ListModels with an explicit deny in a permissions boundary',
		expected: {
			principal: 'arn:aws:iam::777788889999:user/JohnDoe',
			action: 'sagemaker:ListModels',
			denyKind: 'explicit',
			policyType: 'permissions-boundary',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codecommit:ListRepositories',
			denyKind: 'implicit',
			policyType: 'session',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a sessions policy',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codedeploy:ListDeployments',
			resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
			denyKind: 'explicit',
			policyType: 'session',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsecretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'secretsmanager:GetSecretValue',
			denyKind: 'implicit',
			policyType: 'resource-based',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsecretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource-based policy',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'secretsmanager:GetSecretValue',
			resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		// The page prints "because the role trust policy allows" (sic): still an implicit deny by the trust policy.
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsts:AssumeRole because the role trust policy allows the sts:AssumeRole action',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'sts:AssumeRole',
			denyKind: 'implicit',
			policyType: 'resource-based',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \nsts:AssumeRole with an explicit deny in the role trust policy',
		expected: {
			principal: 'arn:aws:iam::777788889999:user/JohnDoe',
			action: 'sts:AssumeRole',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/JohnDoe',
			action: 'codedeploy:ListDeployments',
			resource: 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*',
			denyKind: 'explicit',
			policyType: 'identity-based',
		},
	},
	{
		source: IAM_DOC,
		input:
			'User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: \nSNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 \nwith an explicit deny in a VPC endpoint policy transitively through a service control policy',
		expected: {
			principal: 'arn:aws:sts::111122223333:assumed-role/role-name/role-session-name',
			action: 'SNS:Publish',
			resource: 'arn:aws:sns:us-east-1:444455556666:role-name-2',
			denyKind: 'explicit',
			policyType: 'scp',
		},
	},
	{
		source:
			'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html',
		input:
			'User: arn:aws:iam::123456789012:user/janedoe is not authorized to perform: iam:CreateInstanceProfile\non resource: arn:aws:iam::123456789012:instance-profile/my-instance-profile\nwith an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy.\nGo to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/EXAMPLE1a2b3c4d5e6f7g8h9i0j for complete details,\nor call the GetRequestAuthorizationDetails API with the following authorization id: EXAMPLE1a2b3c4d5e6f7g8h9i0j',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/janedoe',
			action: 'iam:CreateInstanceProfile',
			resource: 'arn:aws:iam::123456789012:instance-profile/my-instance-profile',
			denyKind: 'explicit',
			policyType: 'identity-based',
			policyArn: 'arn:aws:iam::123456789012:policy/ExampleDenyPolicy',
		},
	},
	{
		source: S3_DOC,
		input:
			'An error occurred (AccessDenied) when calling the GetObject operation:\nUser: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform:\ns3:GetObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket1/object-name"\nwith an explicit deny in a resource control policy',
		expected: {
			code: 'AccessDenied',
			principal: 'arn:aws:iam::777788889999:user/MaryMajor',
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::amzn-s3-demo-bucket1/object-name',
			denyKind: 'explicit',
			policyType: 'rcp',
		},
	},
	{
		source: S3_DOC,
		input:
			'User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform:\ns3:GetObject because no service control policy allows the s3:GetObject action',
		expected: {
			principal: 'arn:aws:iam::777788889999:user/MaryMajor',
			action: 's3:GetObject',
			denyKind: 'implicit',
			policyType: 'scp',
		},
	},
	{
		source: S3_DOC,
		input:
			'User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform:\ns3:GetObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket1/object-name" with\nan explicit deny in a session policy',
		expected: {
			principal: 'arn:aws:iam::123456789012:user/MaryMajor',
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::amzn-s3-demo-bucket1/object-name',
			denyKind: 'explicit',
			policyType: 'session',
		},
	},
	{
		source: 'https://github.com/aws-samples/aws-serverless-workshop-innovator-island/issues/97',
		input:
			'saveToDDB error:  AccessDeniedException: User: arn:aws:sts::321831419467:assumed-role/theme-park-backend-ThemeParkLambdaRole-APGEWB3D9EAH/theme-park-ridetimes is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-west-2:321831419467:table/heme-park-backend-DynamoDBTable-16JZ3N4IKS7MD because no identity-based policy allows the dynamodb:PutItem action',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::321831419467:assumed-role/theme-park-backend-ThemeParkLambdaRole-APGEWB3D9EAH/theme-park-ridetimes',
			action: 'dynamodb:PutItem',
			resource:
				'arn:aws:dynamodb:us-west-2:321831419467:table/heme-park-backend-DynamoDBTable-16JZ3N4IKS7MD',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/serverless/serverless/issues/4613',
		input:
			'User: arn:aws:sts::869691786575:assumed-role/profile-dev-us-east-1-lambdaRole/profile-dev-list is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:869691786575:table/blackbook-profiles',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::869691786575:assumed-role/profile-dev-us-east-1-lambdaRole/profile-dev-list',
			action: 'dynamodb:PutItem',
			resource: 'arn:aws:dynamodb:us-east-1:869691786575:table/blackbook-profiles',
			denyKind: null,
			policyType: null,
		},
	},
	{
		source: 'https://github.com/ministryofjustice/modernisation-platform/pull/6789',
		input:
			'Error message: 2 errors occurred:\n\t* operation error DynamoDB: PutItem, https response error StatusCode: 400,\nRequestID: api error\nAccessDeniedException: User:\narn:aws:sts:::assumed-role/github-actions/githubactionsrolesession\nis not authorized to perform: dynamodb:PutItem on resource:\narn:aws:dynamodb:eu-west-2::table/modernisation-platform-terraform-state-lock\nbecause no identity-based policy allows the dynamodb:PutItem action\n\t* Unable to retrieve item from DynamoDB table\n"modernisation-platform-terraform-state-lock": operation error DynamoDB',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts:::assumed-role/github-actions/githubactionsrolesession',
			action: 'dynamodb:PutItem',
			resource: 'arn:aws:dynamodb:eu-west-2::table/modernisation-platform-terraform-state-lock',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// The terminal wrapped the output in the middle of both ARNs.
		source: 'https://github.com/anomalyco/sst/issues/1502',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::450266975445:assumed-role/serverless-admin-backend-CronJo\nbServiceRole742AEF-2CJ880FW7FPF/serverless-admin-backend-services--CronJob6D181881-jgSPpqsBFH5O is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:ap-southeast-1\n:450266975445:table/stocks',
		expected: {
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::450266975445:assumed-role/serverless-admin-backend-CronJobServiceRole742AEF-2CJ880FW7FPF/serverless-admin-backend-services--CronJob6D181881-jgSPpqsBFH5O',
			action: 'dynamodb:PutItem',
			resource: 'arn:aws:dynamodb:ap-southeast-1:450266975445:table/stocks',
		},
	},
	{
		source: 'https://github.com/aws-ia/terraform-aws-bedrock/issues/41',
		input:
			'Encountered error: User: arn:aws:sts::XXXXXXX:assumed-role/AmazonBedrockExecutionRoleForKnowledgeBase-0zsq/DocumentLoaderTask-5XTW0UCZED is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::test-s3-docs/Amazon-2021-Annual-Report.pdf" because no identity-based policy allows the s3:GetObject action (Service: S3, Status Code: 403, Request ID: DMQ0JBGWMA82PDQ9, Extended Request ID: TF77oPeUQIKI0uhnT98WhA/WSvK+O',
		expected: {
			principal:
				'arn:aws:sts::XXXXXXX:assumed-role/AmazonBedrockExecutionRoleForKnowledgeBase-0zsq/DocumentLoaderTask-5XTW0UCZED',
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::test-s3-docs/Amazon-2021-Annual-Report.pdf',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/nebari-dev/nebari/issues/2152',
		input:
			'[terraform]: │ Error: error creating role: UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:iam::***:user/**** is not authorized to perform: ec2:CreateRole on resource: ***\n because no permissions boundary allows the ec2:CreateRole action.\n...\n[terraform]: │  status code: 403, request id: 6bcc1ed4-f323-4db4-86fa-5e23b5df90ae',
		expected: {
			code: 'UnauthorizedOperation',
			principal: 'arn:aws:iam::***:user/****',
			action: 'ec2:CreateRole',
			resource: '***',
			denyKind: 'implicit',
			policyType: 'permissions-boundary',
		},
	},
	{
		source: 'https://github.com/boostchicken/spring-data-dynamodb/issues/558',
		input:
			'User: arn:aws:sts::<account id>:assumed-role/<env>/aws-sdk-java-1649071401744 is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:ap-southeast-1:<account id>:table/<table name> (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: A400G97E6PDN6AOU3OEOH1O5AEMVJF66Q9ASUAAJG',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::<account id>:assumed-role/<env>/aws-sdk-java-1649071401744',
			action: 'dynamodb:PutItem',
			resource: 'arn:aws:dynamodb:ap-southeast-1:<account id>:table/<table name>',
		},
	},
	{
		source:
			'https://github.com/sqlxpert/aws-rcp-s3-require-encryption-kms (README, sample error messages)',
		input:
			'An error occurred (AccessDenied) when calling the PutObject operation:\nUser: arn:aws:sts::112233445566:assumed-role/AWSReservedSSO_PermSetName_0123456789abcdef/abcde\nis not authorized to perform: kms:GenerateDataKey\non this resource\nbecause no identity-based policy allows the kms:GenerateDataKey action"',
		expected: {
			principal:
				'arn:aws:sts::112233445566:assumed-role/AWSReservedSSO_PermSetName_0123456789abcdef/abcde',
			action: 'kms:GenerateDataKey',
			resource: null,
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://repost.aws/knowledge-center/organizations-troubleshoot-explicit-deny-scp',
		input:
			'You are not authorized to perform this operation. User: arn:aws:sts::999888777666:assumed-role/ReadOnly/Tom is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:999888777666:instance/* with an explicit deny in a service control policy. Encoded authorization failure message: XQ_jqde5rHje6j9P-qke7-HNpHWzSWvxYobhcCPSpfOmLTkOylRBKd0eE4Xx4U_E_ldKR9tvnBpWYTze099CuiTFCVNOgC0ak83nVxE33wnOdmD-NH2GudDwuySmkEbTiBiMkyr0iRCmQqJMQLVvd0TH_Vx7kqDx1M1yKTRwOs7saSO6e_jTHFziPsTy8AkJF6kx2x0B3ywr7oX78ev9T-ga_dQ_A7m9Xw9a4ebMbzc',
		expected: {
			principal: 'arn:aws:sts::999888777666:assumed-role/ReadOnly/Tom',
			action: 'ec2:RunInstances',
			resource: 'arn:aws:ec2:us-east-1:999888777666:instance/*',
			denyKind: 'explicit',
			policyType: 'scp',
			encodedMessage:
				'XQ_jqde5rHje6j9P-qke7-HNpHWzSWvxYobhcCPSpfOmLTkOylRBKd0eE4Xx4U_E_ldKR9tvnBpWYTze099CuiTFCVNOgC0ak83nVxE33wnOdmD-NH2GudDwuySmkEbTiBiMkyr0iRCmQqJMQLVvd0TH_Vx7kqDx1M1yKTRwOs7saSO6e_jTHFziPsTy8AkJF6kx2x0B3ywr7oX78ev9T-ga_dQ_A7m9Xw9a4ebMbzc',
		},
	},
	{
		source: 'https://github.com/aws/aws-parallelcluster/issues/372',
		input:
			'AWS::EC2::Instance MasterServer API: ec2:RunInstances You are not authorized to perform this operation. Encoded authorization failure message: rHU-pVHMSckD0OAc5l3r9-gKN1XZjZ2X9J3w0fZ31licaTpAVwlD9ix3fLSABy3XTEkRZRz0cNrXAz1L9EuYD42cSrVIrEBEd_PLpYkwcK8H4IpFKmbdAbSv8ckmleW3wXOez7Z1zQmB5RfzX8rGGme0aV8zpj7W_BEloqdHBTd0nmWAYDWuHF5d',
		expected: {
			category: 'access-denied',
			action: 'ec2:RunInstances',
			encodedMessage:
				'rHU-pVHMSckD0OAc5l3r9-gKN1XZjZ2X9J3w0fZ31licaTpAVwlD9ix3fLSABy3XTEkRZRz0cNrXAz1L9EuYD42cSrVIrEBEd_PLpYkwcK8H4IpFKmbdAbSv8ckmleW3wXOez7Z1zQmB5RfzX8rGGme0aV8zpj7W_BEloqdHBTd0nmWAYDWuHF5d',
		},
	},
	{
		source: 'https://github.com/cloudquery/cloudquery/issues/36',
		input:
			'2021/01/16 17:39:57 UnauthorizedOperation: You are not authorized to perform this operation.\n        status code: 403, request id: d001de6e-cb48-446e-a402-8fc8c67ff275',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation', action: null },
	},
	{
		source: 'https://github.com/aws-samples/aws-rds-snapshot-management/issues/6',
		input: 'An error occurred (AccessDenied) when calling the GetObject operation: Access Denied',
		expected: { category: 'access-denied', code: 'AccessDenied', action: null, policyType: null },
	},
	{
		source: 'https://github.com/cloudyr/aws.s3/issues/314',
		input:
			'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>24D20E9A24DCBE40</RequestId><HostId>kfBxHvL506mmIkc3M65otN1CoZoWlYk5fiafvthOw/w0M323Fyh/odHbaczBjDPCGGwfOJ5qj6E=</HostId></Error>',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source:
			'constructed: JSON body around the "Message" quoted in https://github.com/aws/aws-sdk-js/issues/832',
		input:
			'{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::XXXXXX:assumed-role/transactions-api-dev-us-east-2-lambdaRole/transactions-api-dev-post-transactions is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-2:XXXXX:table/transactions_table"}',
		expected: {
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::XXXXXX:assumed-role/transactions-api-dev-us-east-2-lambdaRole/transactions-api-dev-post-transactions',
			action: 'dynamodb:UpdateItem',
			resource: 'arn:aws:dynamodb:us-east-2:XXXXX:table/transactions_table',
		},
	},
	{
		source: 'https://github.com/windmill-labs/windmilldocs/pull/635',
		input:
			'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			action: 'sts:AssumeRoleWithWebIdentity',
			principal: null,
		},
	},
	{
		source: 'https://github.com/aws-amplify/aws-sdk-android/issues/9',
		input:
			'com.amazonaws.AmazonServiceException: Not authorized to perform sts:AssumeRoleWithWebIdentity (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: 83bfc431-3733-11e4-90c0-6dbe37b9d930)',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			action: 'sts:AssumeRoleWithWebIdentity',
		},
	},
];

const credentials: CorpusEntry[] = [
	{
		source: 'https://github.com/CivicTechTO/ttc_subway_times/issues/59',
		input:
			'botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the ListObjectsV2 operation: The provided token has expired.',
		expected: { category: 'expired-credentials', code: 'ExpiredToken' },
	},
	{
		source: 'https://github.com/craftcms/aws-s3/issues/182',
		input:
			'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message><Token-0>XXX</Token-0><RequestId>XXX</RequestId><HostId>XXX</HostId></Error>',
		expected: { category: 'expired-credentials', code: 'ExpiredToken' },
	},
	{
		source: 'https://github.com/guregu/dynamo/issues/68',
		input:
			'{"__type":"com.amazon.coral.service#ExpiredTokenException","message":"The security token included in the request is expired"}',
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/treeverse/lakeFS/issues/7178',
		input:
			'create prefix iterator: query: operation error DynamoDB: Query, https response error StatusCode: 400, RequestID: E52PSV97D1GSLGPD8AVUPLPCGVVV4KQNSO5AEMVJF66Q9ASUAAJG, api error ExpiredTokenException: The security token included in the request is expired',
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/Dynobase/dynobase/issues/26',
		input: {
			message: 'The security token included in the request is expired',
			code: 'ExpiredTokenException',
			statusCode: 400,
		},
		expected: { category: 'expired-credentials', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/iann0036/iamlive/issues/58',
		input:
			'https response error StatusCode: 403, RequestID: 2dfd38a6-d5ec-4fd9-8a9f-aab7abd2f382, api error UnrecognizedClientException: The security token included in the request is invalid',
		expected: { category: 'invalid-credentials', code: 'UnrecognizedClientException' },
	},
	{
		source: 'https://github.com/ArranJacques/laravel-aws-cognito-auth/issues/25',
		input:
			'{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}',
		expected: { category: 'invalid-credentials', code: 'UnrecognizedClientException' },
	},
	{
		source: 'https://github.com/aws-azure-login/aws-azure-login/issues/251',
		input:
			'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidClientTokenId</Code>\n    <Message>The security token included in the request is invalid</Message>\n  </Error>\n  <RequestId>16fc956c-311e-4199-bee1-1680236e9698</RequestId>\n</ErrorResponse>\n',
		expected: { category: 'invalid-credentials', code: 'InvalidClientTokenId' },
	},
	{
		source: 'https://github.com/QT-DevOps/DevOpsIssues/issues/451',
		input:
			'* provider.aws: error validating provider credentials: error calling sts:GetCallerIdentity: InvalidClientTokenId: The security token included in the request is invalid.\n        status code: 403, request id: e65f7860-76e7-11e9-a6e4-7fc43f437424',
		expected: { category: 'invalid-credentials', code: 'InvalidClientTokenId' },
	},
	{
		source: 'https://github.com/raster-foundry/raster-foundry/issues/289',
		input:
			'<Error>\n<Code>InvalidAccessKeyId</Code>\n<Message>The AWS Access Key Id you provided does not exist in our records.</Message>\n<AWSAccessKeyId>ASIAJCIMYNXQI3TLOWZA</AWSAccessKeyId>\n<RequestId>4F2659BDA1E78A41</RequestId>\n</Error>',
		expected: { category: 'invalid-credentials', code: 'InvalidAccessKeyId' },
	},
	{
		source: 'https://github.com/treeverse/dvc-s3/issues/25',
		input:
			'ERROR: unexpected error - [Errno 22] The provided token is malformed or otherwise invalid.: An error occurred (InvalidToken) when calling the ListObjectsV2 operation: The provided token is malformed or otherwise invalid.',
		expected: { category: 'invalid-credentials', code: 'InvalidToken' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/3977',
		input:
			'error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		expected: { category: 'signature-mismatch', code: 'SignatureDoesNotMatch' },
	},
	{
		source: 'https://github.com/smithy545/aws-apps-scripts/issues/12',
		input:
			'ERROR: {"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the',
		expected: { category: 'signature-mismatch', code: 'InvalidSignatureException' },
	},
];

const clocks: CorpusEntry[] = [
	{
		source: 'https://github.com/aws/aws-sdk-php/issues/612',
		input:
			'AWS HTTP error: Client error: 403 RequestTimeTooSkewed (client): The difference between the request time and the current time is too large. - <?xml version="1.0" encoding="UTF-8"?> <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20150604T232559Z</RequestTime><ServerTime>2015-06-04T22:26:16Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>9E09E2E8D09D863C</RequestId><HostId>CQl85Ol1ejSfxwCFffw880W3OsDNI+FtTYPrQFjJVtM6vmd4pWJaOCuNEWtZPUfjhYRHByziBxg=</HostId></Error>',
		expected: { category: 'clock-skew', code: 'RequestTimeTooSkewed' },
	},
	{
		source: 'https://github.com/andrewrk/node-s3-client/issues/59',
		input: {
			message: 'The difference between the request time and the current time is too large.',
			code: 'RequestTimeTooSkewed',
			statusCode: 403,
			retryable: false,
		},
		expected: { category: 'clock-skew', code: 'RequestTimeTooSkewed' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/254',
		input: {
			message:
				'Signature expired: 20140325T143453Z is now earlier than 20140325T143751Z (20140325T145251Z - 15 min.)',
			code: 'InvalidSignatureException',
			name: 'InvalidSignatureException',
			statusCode: 400,
		},
		expected: { category: 'clock-skew', code: 'InvalidSignatureException' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/2565',
		input:
			'InvalidSignatureException: Signature not yet current: 20190305T002809Z is still later than 20190304T214315Z (20190304T212815Z + 15 min.)',
		expected: { category: 'clock-skew', code: 'InvalidSignatureException' },
	},
	{
		// The code says signature mismatch; the wording says the clock.
		source: 'https://github.com/convox/rack/issues/235',
		input:
			'Build Error: SignatureDoesNotMatch: Signature expired: 20151221T200419Z is now earlier than 20151221T201450Z (20151221T201950Z - 5 min.)',
		expected: { category: 'clock-skew', code: 'SignatureDoesNotMatch' },
	},
];

const identityTokens: CorpusEntry[] = [
	{
		source: 'https://github.com/aws-actions/configure-aws-credentials/issues/721',
		input:
			'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
		expected: { category: 'invalid-identity-token', code: null },
	},
	{
		source: 'https://github.com/treeverse/dvc.org/pull/5273',
		input:
			'InvalidIdentityTokenException:\nAn error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No OpenIDConnect provider found in your account for https://studio.dvc.ai/api',
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/mozilla-iam/mozilla-aws-cli/issues/127',
		input:
			'ERROR:mozilla_aws_cli.sts_conn:AWS STS Call failed 400 : <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidIdentityToken</Code>\n    <Message>No OpenIDConnect provider found in your account for https://auth.mozilla.auth0.com/</Message>\n  </Error>\n  <RequestId>26603485-0bd5-11ea-a642-b7dfa91cf04b</RequestId>\n</ErrorResponse>',
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/namespacelabs/foundation/issues/801',
		input:
			'failed to retrieve credentials: failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, exceeded maximum number of attempts, 3, https response error StatusCode: 400, RequestID: 15810d8a-d7cf-4cf6-a789-344247a93714, InvalidIdentityToken: No OpenIDConnect provider found in your account for {redacted}',
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/awslabs/amazon-eks-irsa-cfn/pull/18',
		input:
			'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience',
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/aws/aws-cli/issues/7194',
		input:
			"An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-php/issues/1725',
		input:
			"couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
		expected: { category: 'invalid-identity-token' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-ruby/issues/2698',
		input: { name: 'InvalidIdentityToken', message: 'Missing a required claim: aud' },
		expected: { category: 'invalid-identity-token', code: 'InvalidIdentityToken' },
	},
	{
		source: 'https://github.com/awslabs/aws-orbit-workbench/issues/707',
		input:
			'botocore.errorfactory.ExpiredTokenException: An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1624482533 must be before the expiration date/time1624482335',
		expected: { category: 'expired-identity-token', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-java-v2/issues/5709',
		input:
			's.a.a.s.s.m.ExpiredTokenException: Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240 (Service: Sts, Status Code: 400, Request ID: 22679931-6a1d-4db3-abd0-a189de181809)',
		expected: { category: 'expired-identity-token', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/mozilla-iam/mozilla-aws-cli/issues/146',
		input:
			'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredTokenException</Code>\n    <Message>Token too old: 441398</Message>\n  </Error>\n  <RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId>\n</ErrorResponse>',
		expected: { category: 'expired-identity-token', code: 'ExpiredTokenException' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/198',
		input:
			'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>IDPRejectedClaim</Code>\n    <Message>graph.facebook.com: graph.facebook.com responded with HTTP/1.1 400 Bad Request</Message>\n  </Error>\n  <RequestId>af0f7b07-5208-11e3-81b2-cfe47957f7e6</RequestId>\n</ErrorResponse>',
		expected: { category: 'provider-error', code: 'IDPRejectedClaim' },
	},
	{
		source:
			'constructed: no public thread quotes an IDPCommunicationError; message is the STS API reference description (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html)',
		input: {
			name: 'IDPCommunicationErrorException',
			message:
				'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.',
			$metadata: { httpStatusCode: 400 },
		},
		expected: { category: 'provider-error', code: 'IDPCommunicationErrorException' },
	},
];

const throttlingAndNetwork: CorpusEntry[] = [
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/412',
		input: 'Throttling: Rate exceeded',
		expected: { category: 'throttling', code: 'Throttling' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/1749',
		input: 'ThrottlingException: Rate exceeded',
		expected: { category: 'throttling', code: 'ThrottlingException' },
	},
	{
		source: 'https://github.com/mifi/dynamodump/issues/20',
		input:
			'ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
		expected: { category: 'throttling', code: 'ProvisionedThroughputExceededException' },
	},
	{
		source: 'https://github.com/flightstats/hub/issues/291',
		input:
			'com.amazonaws.services.s3.model.AmazonS3Exception: Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: 03D8D00FA3AD0455)',
		expected: { category: 'throttling', code: 'SlowDown' },
	},
	{
		// SDK v3 when the 503 had no body: the code survives, the message does not.
		source: 'https://github.com/huridocs/uwazi/issues/7319',
		input: { name: 'SlowDown', message: 'UnknownError', $metadata: { httpStatusCode: 503 } },
		expected: { category: 'throttling', code: 'SlowDown' },
	},
	{
		source: 'https://github.com/cloudfoundry/bosh-aws-cpi-release/issues/61',
		input:
			'Request limit exceeded. (Service: AmazonEC2; Status Code: 503; Error Code: RequestLimitExceeded; Request ID: 7fd6cf20-2880-4845-a2f5-3fa30583767f)',
		expected: { category: 'throttling', code: 'RequestLimitExceeded' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js-v3/issues/5334',
		input: new TypeError('Failed to fetch'),
		expected: { category: 'network', code: 'TypeError' },
	},
	{
		source: 'https://github.com/JakeChampion/fetch/issues/310',
		input: 'TypeError: NetworkError when attempting to fetch resource.',
		expected: { category: 'network' },
	},
	{
		source: 'https://github.com/aws/aws-sdk-js-v3/issues/6228',
		input:
			"Failed to load https://s3.eu-central-1.amazonaws.com/: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8080' is therefore not allowed access. The response had HTTP status code 403.",
		expected: { category: 'network' },
	},
];

/** Every entry, grouped by the category it mostly exercises. */
export const corpus: CorpusEntry[] = [
	...accessDenied,
	...credentials,
	...clocks,
	...identityTokens,
	...throttlingAndNetwork,
	...deniedInThreads,
	...decodedMessages,
	...otherErrors,
	...foundLater,
];
