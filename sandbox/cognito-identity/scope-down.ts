/**
 * The session policy Cognito puts on a guest's enhanced-flow credentials (Developer Guide, "IAM roles",
 * "Access policies"): "Amazon Cognito applies a scope-down policy to credentials vended by
 * GetCredentialForIdentity to prevent access to services other than the ones listed below for your
 * unauthenticated users", with some services limited to a few actions; "If you need access to something other
 * than these services for your unauthenticated users, you must use the basic authentication flow." AWS does
 * not publish the document itself (its managed part is `AmazonCognitoUnAuthedIdentitiesSessionPolicy`); this
 * one allows the listed services by their IAM prefixes, and the restricted ones' listed actions. S3 and
 * DynamoDB are in the list, so a guest plays through either flow; STS is not, so a guest's enhanced-flow
 * session cannot decode an authorization message (`sts:DecodeAuthorizationMessage`), while a basic-flow one can.
 */
import { parsePolicy } from '../../src/lib/iam';
import type { NamedPolicy } from '../../src/lib/iam/types';

const WHOLE_SERVICES = [
	'appsync', // AWS AppSync
	'cloudwatch', // Amazon CloudWatch
	'cognito-identity', // Amazon Cognito Identity
	'cognito-sync', // Amazon Cognito Sync
	'comprehend', // Amazon Comprehend
	'dynamodb', // Amazon DynamoDB
	'gamelift', // Amazon GameLift
	'iot', // AWS IoT
	'firehose', // Amazon Kinesis Data Firehose
	'kinesis', // Amazon Kinesis Data Streams
	'lambda', // AWS Lambda
	'lex', // Amazon Lex
	'geo', // Amazon Location Service
	'machinelearning', // Amazon Machine Learning
	'mobileanalytics', // Amazon Mobile Analytics
	'mobiletargeting', // Amazon Pinpoint
	'polly', // Amazon Polly
	'rekognition', // Amazon Rekognition
	'sdb', // Amazon SimpleDB
	'ses', // Amazon Simple Email Service
	'sns', // Amazon Simple Notification Service
	'sqs', // Amazon Simple Queue Service
	's3', // Amazon Simple Storage Service
	'transcribe', // Amazon Transcribe
	'translate', // Amazon Translate
	'personalize', // in AmazonCognitoUnAuthedIdentitiesSessionPolicy
	'rum', // in AmazonCognitoUnAuthedIdentitiesSessionPolicy (rum:PutRumEvents)
];

const RESTRICTED_ACTIONS = [
	'kms:Encrypt',
	'kms:Decrypt',
	'kms:ReEncryptTo',
	'kms:ReEncryptFrom',
	'kms:GenerateDataKey',
	'kms:GenerateDataKeyPair',
	'kms:GenerateDataKeyPairWithoutPlaintext',
	'kms:GenerateDataKeyWithoutPlaintext',
	'sagemaker:InvokeEndpoint',
	'textract:DetectDocumentText',
	'textract:AnalyzeDocument',
	'sumerian:View*',
];

/** Named as AWS names its managed part, so a denial's explanation points at what AWS documents. */
export const GUEST_SCOPE_DOWN: NamedPolicy = parsePolicy(
	{
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
				Effect: 'Allow',
				Action: [...WHOLE_SERVICES.map((prefix) => `${prefix}:*`), ...RESTRICTED_ACTIONS],
				Resource: '*',
			},
		],
	},
	'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy',
	'session',
);
