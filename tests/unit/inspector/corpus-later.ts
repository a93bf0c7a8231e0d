import type { CorpusEntry } from './corpus';

/**
 * Access-denied messages found after the explainer was changed for the shapes above, kept apart to check
 * that the rules are general and not fitted to the messages they were written against. Each `source` is
 * the thread the text was pasted in; the fields a message does not state are left out of `expected`.
 */
export const foundLater: CorpusEntry[] = [
	{
		// Placeholders in double angle brackets, with spaces.
		source: 'https://github.com/AntonShuvaev/intellij-dynamodb/issues/29',
		input:
			'AccessDeniedException\nUser: arn:aws:sts::<<account number>>:assumed-role/<<role name>>/aws-sdk-java-1680121851194 is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:<<account number>>:table/<<table name>> because no identity-based policy allows the dynamodb:Query action',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::<<account number>>:assumed-role/<<role name>>/aws-sdk-java-1680121851194',
			action: 'dynamodb:Query',
			resource: 'arn:aws:dynamodb:us-east-1:<<account number>>:table/<<table name>>',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/aws/aws-cdk/issues/1540',
		input:
			'User: arn:aws:sts::REDACTED:assumed-role/REDACTED is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:REDACTED:table/REDACTED/index/uuid',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::REDACTED:assumed-role/REDACTED',
			action: 'dynamodb:Query',
			resource: 'arn:aws:dynamodb:us-east-1:REDACTED:table/REDACTED/index/uuid',
		},
	},
	{
		source: 'https://github.com/ionic-team/starters/issues/46',
		input:
			'{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::0123456789:assumed-role/xxx_auth_MOBILEHUB_123456/CognitoIdentityCredentials is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:0123456:table/xxx-mobilehub-638986677-tasks/index/DateSorted"}',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::0123456789:assumed-role/xxx_auth_MOBILEHUB_123456/CognitoIdentityCredentials',
			action: 'dynamodb:Query',
			resource:
				'arn:aws:dynamodb:us-east-1:0123456:table/xxx-mobilehub-638986677-tasks/index/DateSorted',
		},
	},
	{
		source: 'https://github.com/praetorian-inc/chariot-ui/issues/565',
		input:
			'[/aws/lambda/chariot-UserCronFunction] 2024/08/23 13:02:29 ERROR failed to execute query error="operation error DynamoDB: Query, https response error StatusCode: 400, RequestID: *redacted*, api error AccessDeniedException: User: arn:aws:sts::*redacted*:assumed-role/chariot-UserCronFunctionRole/chariot-UserCronFunction is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-2:*redacted*:table/chariot because no identity-based policy allows the dynamodb:Query action" query="{Offset:map[] Assets:[] Attributes:[] Risks:[] Files:[] Jobs:[] Accounts:[] Users:[] Term:#user Index: Sort:{operandList:[{key:key} {value:#user options:{EncoderOptions:[]}}] keyConditionList:[] mode:9}}"',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::*redacted*:assumed-role/chariot-UserCronFunctionRole/chariot-UserCronFunction',
			action: 'dynamodb:Query',
			resource: 'arn:aws:dynamodb:us-east-2:*redacted*:table/chariot',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// A Python 2 dict repr of the JSON error body.
		source: 'https://github.com/sebdah/dynamic-dynamodb/issues/321',
		input:
			"{u'Message': u'User: arn:aws:iam::789087534298:user/dynamodb_test is not authorized to perform: dynamodb:ListTables on resource: *', u'__type': u'com.amazon.coral.service#AccessDeniedException'}",
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::789087534298:user/dynamodb_test',
			action: 'dynamodb:ListTables',
			resource: '*',
		},
	},
	{
		source: 'https://github.com/anomalyco/sst/issues/1400',
		input:
			'"message": "User: arn:aws:sts::#######:assumed-role/gspmrc-backoffice-api-sta-GraphqlApitickersListsDe-12UTW4C0KBQHY/APPSYNC_ASSUME_ROLE is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:eu-central-1:#########:table/sf-market-data-lists-resources-prod-TickersListsDetailsTableV1/index/byPublicCreator (Service: DynamoDb, Status Code: 400, Request ID: 6ANKU3JNUO45JD584MHIHFH3T3VV4KQNSO5AEMVJF66Q9ASUAAJG)",',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::#######:assumed-role/gspmrc-backoffice-api-sta-GraphqlApitickersListsDe-12UTW4C0KBQHY/APPSYNC_ASSUME_ROLE',
			action: 'dynamodb:Query',
			resource:
				'arn:aws:dynamodb:eu-central-1:#########:table/sf-market-data-lists-resources-prod-TickersListsDetailsTableV1/index/byPublicCreator',
		},
	},
	{
		source: 'https://github.com/ionic-team/ionic2-starter-aws/issues/7',
		input:
			'Error: User: arn:aws:sts::831509325306:assumed-role/mobilehubproject_auth_MOBILEHUB_1218068470/CognitoIdentityCredentials is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:ap-northeast-1:831509325306:table/ionic-mobile-hub-tasks/index/DateSorted',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::831509325306:assumed-role/mobilehubproject_auth_MOBILEHUB_1218068470/CognitoIdentityCredentials',
			action: 'dynamodb:Query',
			resource:
				'arn:aws:dynamodb:ap-northeast-1:831509325306:table/ionic-mobile-hub-tasks/index/DateSorted',
		},
	},
	{
		source: 'https://github.com/noobaa/noobaa-core/issues/10060',
		input:
			'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:iam::<account-ID>:user/<username> is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::<bucket=-name>" with an explicit deny in a resource-based policy',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::<account-ID>:user/<username>',
			action: 's3:ListBucket',
			resource: 'arn:aws:s3:::<bucket=-name>',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		// S3's quotes around the resource arrive escaped inside a JSON log line.
		source:
			'https://github.com/schubergphilis/terraform-aws-mcaf-securityhub-findings-manager/pull/64',
		input: String.raw`"message": "Original error: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::535235798329:assumed-role/LambdaRole-securityhub-findings-manager-trigger/securityhub-findings-manager-trigger is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::lwzp-securityhub-suppressor-artifact\" because no identity-based policy allows the s3:ListBucket action"`,
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws:sts::535235798329:assumed-role/LambdaRole-securityhub-findings-manager-trigger/securityhub-findings-manager-trigger',
			action: 's3:ListBucket',
			resource: 'arn:aws:s3:::lwzp-securityhub-suppressor-artifact',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// Terraform's diagnostic gutter (│) starts every wrapped line, in the middle of the sentence.
		source: 'https://github.com/hashicorp/terraform-provider-aws/issues/43891',
		input:
			'│ While waiting: operation error S3: GetBucketLifecycleConfiguration, https response error\n│ StatusCode: 403, RequestID: R9MK7Z9D37KW47QB, HostID:\n│ 1iYpODbMPA9lJ3UuIUMpA3Opw3U94schtPs5I8037JI6azfCemQKvoVvjM9tG0u6U2oLm8HDntlFZKRUB/w9/g==, api\n│ error AccessDenied: User: arn:aws:iam::315400321086:user/ekonkov@planitar.com is not authorized\n│ to perform: s3:GetLifecycleConfiguration on resource: "arn:aws:s3:::sandbox-tfstate-file" with\n│ an explicit deny in a resource-based policy\n╵',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::315400321086:user/ekonkov@planitar.com',
			action: 's3:GetLifecycleConfiguration',
			resource: 'arn:aws:s3:::sandbox-tfstate-file',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		source: 'https://github.com/hashicorp/terraform/issues/14402',
		input:
			'* aws_s3_bucket.some_bucket: Error putting S3 ACL: AccessDenied: Access Denied\n\tstatus code: 403, request id: ...',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source: 'https://github.com/aws-amplify/amplify-js/issues/997',
		input:
			'<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>B2074181219831D6</RequestId><HostId>mJR/44QoRcUm6ZE0gW4WfMj01tQbS2wXQ4+BzTCeQgDs7siv81OhfCpVpPfXoUAPNZtluk0PouA=</HostId></Error>',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
];
