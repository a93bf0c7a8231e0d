import type { CorpusEntry } from './corpus';

/**
 * Access-denied messages users pasted into public issue threads and articles, across services and wrappers.
 * Each `source` is where the text was published (thread, page, or repository and path); the five fields a
 * message does not state are left out of `expected`, which means they must come out `null`.
 */
export const deniedInThreads: CorpusEntry[] = [
	{
		source: 'https://github.com/aws-ia/terraform-aws-control_tower_account_factory/issues/151',
		input:
			'[ERROR] AuthorizationErrorException: An error occurred (AuthorizationError) when calling the Publish operation: User: arn:aws:sts:::assumed-role/aft-identify-targets-execution-role/aft-customizations-identify-targets is not authorized to perform: SNS:Publish on resource: arn:aws:sns:::aft-failure-notifications because no identity-based policy allows the SNS:Publish action',
		expected: {
			category: 'access-denied',
			code: 'AuthorizationError',
			principal:
				'arn:aws:sts:::assumed-role/aft-identify-targets-execution-role/aft-customizations-identify-targets',
			action: 'SNS:Publish',
			resource: 'arn:aws:sns:::aft-failure-notifications',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// A service principal, inside an SNS delivery log's escaped JSON; the thread's quote stops at "policy".
		source: 'https://github.com/awslabs/aws-automated-incident-response-and-forensics/issues/13',
		input: String.raw`"{\"ErrorCode\":\"AccessDeniedException\",\"ErrorMessage\":\"User: sns.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:xxxx:xxxx:function:SlackNotificationLambda because no resource-based policy `,
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'sns.amazonaws.com',
			action: 'lambda:InvokeFunction',
			resource: 'arn:aws:lambda:xxxx:xxxx:function:SlackNotificationLambda',
			denyKind: 'implicit',
			policyType: 'resource-based',
		},
	},
	{
		source: 'https://github.com/obie/saws/issues/4',
		input:
			"'User: arn:aws:sts::11111111111:assumed-role/abc-development-r-IamRoleLambda-ABC123/awslambda_123_123456789 is not authorized to perform: SNS:CreateTopic on resource: arn:aws:sns:us-east-1:1234567890:NewOrders-development'",
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::11111111111:assumed-role/abc-development-r-IamRoleLambda-ABC123/awslambda_123_123456789',
			action: 'SNS:CreateTopic',
			resource: 'arn:aws:sns:us-east-1:1234567890:NewOrders-development',
		},
	},
	{
		source: 'https://github.com/amzn/selling-partner-api-models/issues/891',
		input:
			'User: arn:aws:iam::*:user/gudsen is not authorized to perform: sts:AssumeRole on resource: aws:iam::*:role/gudsen_role (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: b59b74ae-9126-4975-8a87-c987e092da76)',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::*:user/gudsen',
			action: 'sts:AssumeRole',
			resource: 'aws:iam::*:role/gudsen_role',
		},
	},
	{
		source: 'https://github.com/aws/aws-sdk-net/issues/744',
		input:
			'Not authorized to perform sts:AssumeRoleWithSAML (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: fe270994-9399-11e7-a47b-d3b1bc4b70cf). Please try again.',
		expected: { category: 'access-denied', code: 'AccessDenied', action: 'sts:AssumeRoleWithSAML' },
	},
	{
		// Placeholders in angle brackets, as the PR description wrote them.
		source: 'https://github.com/aws-amplify/amplify-backend/pull/2258',
		input:
			'Error: Stack <stack> failed: ValidationError: User: <user-arn> is not authorized to perform: ssm:GetParameters on resource: <resource-arn> because no identity-based policy allows the ssm:GetParameters action',
		expected: {
			category: 'access-denied',
			principal: '<user-arn>',
			action: 'ssm:GetParameters',
			resource: '<resource-arn>',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/amzn/selling-partner-api-models/issues/55',
		input:
			'com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException: User: arn:aws:iam::579974362352:user/qilin is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::579974362352:user/qilin',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::579974362352:user/qilin',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::579974362352:user/qilin',
		},
	},
	{
		source: 'https://github.com/amzn/selling-partner-api-models/issues/2523',
		input:
			'Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"; AWS HTTP error: Client error: `POST https://sts.eu-west-1.amazonaws.com` resulted in a `403 Forbidden` response: Sender AccessDeni (truncated...) AccessDenied (client): User: arn:aws:iam::67211257:user/Qikink is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::67211257:user/Qikink - Sender AccessDenied User: arn:aws:iam::67211257:user/Qikink is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::6721257:user/Qikink 70570cbc-baab-4cc7-8053-f3f4dcc7bec8',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::67211257:user/Qikink',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::67211257:user/Qikink',
		},
	},
	{
		source: 'https://github.com/alphagov/govuk-infrastructure/pull/2282',
		input:
			'Not authorized to perform sts:AssumeRoleWithWebIdentity (Aws::STS::Errors::AccessDenied)',
		expected: { category: 'access-denied', action: 'sts:AssumeRoleWithWebIdentity' },
	},
	{
		source: 'https://github.com/aws-amplify/aws-sdk-ios/issues/119',
		input:
			'Unable to refresh. Error is [Error Domain=com.amazonaws.AWSSTSErrorDomain Code=0 "The operation couldn’t be completed. (com.amazonaws.AWSSTSErrorDomain error 0.)" UserInfo=0x7f8fdb82fd20 {Type=Sender, Message=Not authorized to perform sts:AssumeRoleWithWebIdentity, Code=AccessDenied, __text=(',
		expected: { category: 'access-denied', action: 'sts:AssumeRoleWithWebIdentity' },
	},
	{
		// A JSON log line: the SDK's "\n\tstatus code" arrives escaped.
		source: 'https://github.com/terraform-aws-modules/terraform-aws-eks/pull/3422',
		input: String.raw`"error":"creating instance profile, adding role \"staging-cn-nw-1-kpt-eks-node-group-20250716100915634200000001\" to instance profile \"staging-cn-nw-1-eks_14906149492098168839\", AccessDenied: User: arn:aws-cn:sts::XXX:assumed-role/KarpenterController-20250716132851685200000005/1752742098653173128 is not authorized to perform: iam:PassRole on resource: arn:aws-cn:iam::XXX:role/staging-cn-nw-1-kpt-eks-node-group-20250716100915634200000001 because no identity-based policy allows the iam:PassRole action\n\tstatus code: 403, request id: 0bce511a-7372-4cdb-9585-3415f44102bc"}`,
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws-cn:sts::XXX:assumed-role/KarpenterController-20250716132851685200000005/1752742098653173128',
			action: 'iam:PassRole',
			resource:
				'arn:aws-cn:iam::XXX:role/staging-cn-nw-1-kpt-eks-node-group-20250716100915634200000001',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/terraform-aws-modules/terraform-aws-eks/issues/3155',
		input:
			'UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws-cn:sts::xxxxxxx:assumed-role/xxxxx/1726154725231823938 is not authorized to perform: iam:PassRole on resource: arn:aws-cn:iam::xxxxxxx:role/yyyyy because no identity-based policy allows the iam:PassRole action.',
		expected: {
			category: 'access-denied',
			code: 'UnauthorizedOperation',
			principal: 'arn:aws-cn:sts::xxxxxxx:assumed-role/xxxxx/1726154725231823938',
			action: 'iam:PassRole',
			resource: 'arn:aws-cn:iam::xxxxxxx:role/yyyyy',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/terraform-aws-modules/terraform-aws-eks/issues/3057',
		input:
			'launching nodeclaim, creating instance, with fleet error(s), UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws-cn:sts::xxxxx:assumed-role/xxxx-karpenter-controller-role/xxxxx is not authorized to perform: iam:PassRole on resource: arn:aws-cn:iam::xxxx:role/xxxxx-karpenter-node-role because no identity-based policy allows the iam:PassRole action.',
		expected: {
			category: 'access-denied',
			code: 'UnauthorizedOperation',
			principal: 'arn:aws-cn:sts::xxxxx:assumed-role/xxxx-karpenter-controller-role/xxxxx',
			action: 'iam:PassRole',
			resource: 'arn:aws-cn:iam::xxxx:role/xxxxx-karpenter-node-role',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// AWS itself printed "null" for the action (an ARN with an alias, says the thread).
		source: 'https://github.com/aws/aws-cli/issues/6274',
		input:
			'botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the CreateComponentVersion operation: User: arn:aws:iam::456012345600:user/Administrator is not authorized to perform: null',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::456012345600:user/Administrator',
		},
	},
	{
		source: 'https://github.com/doctorray117/minecraft-ondemand/issues/53',
		input:
			'"errorMessage": "An error occurred (AccessDeniedException) when calling the DescribeServices operation: User: arn:aws:sts::XXXX:assumed-role/minecraft-launcher-role-mijbep5x/minecraft-launcher is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-west-1:XXXX:service/minecraft/minecraft-server because no identity-based policy allows the ecs:DescribeServices action",',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::XXXX:assumed-role/minecraft-launcher-role-mijbep5x/minecraft-launcher',
			action: 'ecs:DescribeServices',
			resource: 'arn:aws:ecs:us-west-1:XXXX:service/minecraft/minecraft-server',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2900',
		input: String.raw`"error":"UnauthorizedOperation: You are not authorized to perform this operation.\n\tstatus code: 403, request id: cfd950a2-bea6-4d83-83b8-83a7f1d9af88"}`,
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		source: 'https://github.com/hashicorp/terraform-provider-aws/issues/29710',
		input:
			'Error: creating EC2 Instance: UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: <ENCODED MESSAGE>\n│ \tstatus code: 403, request id: 1550870c-6e0b-4fac-ba19-1da46fef7f17',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation', encodedMessage: null },
	},
	{
		source: 'https://github.com/usdigitalresponse/usdr-gost/pull/4044',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::357150818708:assumed-role/gost-staging-arpa_exporter-Task-20250221195902062300000003/c2595ec184cb4eb19b3ccb00f671b778 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::gost-staging-arpaauditreports-357150818708-us-west-2-api/full-file-export/org_13/archive.zip" with an explicit deny in a resource-based policy',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws:sts::357150818708:assumed-role/gost-staging-arpa_exporter-Task-20250221195902062300000003/c2595ec184cb4eb19b3ccb00f671b778',
			action: 's3:PutObject',
			resource:
				'arn:aws:s3:::gost-staging-arpaauditreports-357150818708-us-west-2-api/full-file-export/org_13/archive.zip',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		// S3's XML body as a Python client printed it, the message indented over three lines.
		source: 'https://github.com/Privado-Inc/privado/issues/573',
		input:
			'requests.RequestFailedException: Request to https://cli-dataflow.s3.amazonaws.com/ failed with status code 403\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>\n    User: arn:aws:iam::638117407428:user/s3 is not authorized to perform: s3:PutObject on resource:\n    "arn:aws:s3:::cli-dataflow/prod/0d0c372fad8852fd1687eebf05d094b7b9ca8f7ba05ce14fcbd389809ce733de/b60624b137eb37976c3a7aae84e0a38e.json"\n    with an explicit deny in an identity-based policy\n  </Message>\n  <RequestId>031AK89J6AXZ7T60</RequestId>\n  <HostId>\n    /XpRs0ymbY3awu7QmOjxnxEflZ4tWK/yYj4iHfp3wnf8Y+gQSMahSAIBZd5PhxMmnwgFn7J/3VKkbg3yU81tODcGGKQKgyat3HttYjkOqsw=\n  </HostId>\n</Error>',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::638117407428:user/s3',
			action: 's3:PutObject',
			resource:
				'arn:aws:s3:::cli-dataflow/prod/0d0c372fad8852fd1687eebf05d094b7b9ca8f7ba05ce14fcbd389809ce733de/b60624b137eb37976c3a7aae84e0a38e.json',
			denyKind: 'explicit',
			policyType: 'identity-based',
		},
	},
	{
		// The quote ends mid-resource, before the closing quote and the reason.
		source: 'https://github.com/LBHackney-IT/Data-Platform/pull/1883',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::120038763019:user/streetscene-airflow-user is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::dataplatform-stg-landing-zone/streetscene/traffic-counters/street-systems/',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::120038763019:user/streetscene-airflow-user',
			action: 's3:PutObject',
			resource:
				'arn:aws:s3:::dataplatform-stg-landing-zone/streetscene/traffic-counters/street-systems/',
		},
	},
	{
		source: 'https://github.com/jbrt/ec2cryptomatic/issues/26',
		input:
			'2021/10/19 12:56:32 Error with this key: AccessDeniedException: User: arn:aws:iam::3915824****:user/EC2Cryptomatic is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-west-2:3915824****:key/*****-048e-4be0-b497-ca151cd223c5 because no resource-based policy allows the kms:DescribeKey action.',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::3915824****:user/EC2Cryptomatic',
			action: 'kms:DescribeKey',
			resource: 'arn:aws:kms:us-west-2:3915824****:key/*****-048e-4be0-b497-ca151cd223c5',
			denyKind: 'implicit',
			policyType: 'resource-based',
		},
	},
	{
		source: 'https://github.com/ministryofjustice/modernisation-platform/pull/11726',
		input:
			'error creating GZIP reader for file "r53-public-dns-logs/2025/10/15/10/r53-public-dns-logs-to-s3-2-2025-10-15-10-07-47-59a27961-4151-4fdb-bbec-025ebc3e38ef" (event: "ObjectCreated:Put", bucket: "modernisation-platform-logs-r53-public-dns-logs"): AccessDenied: User: arn:aws:sts::624384546187:assumed-role/cortex_xsiam20240930112820077540000001/xdr-collection is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-2:624384546187:key/b997e702-260d-456b-95c4-270624f53307 because no identity-based policy allows the kms:Decrypt action status code: 403, request id: TMZDENVDWQ8V6JV53, host id: 6Av1FXprlxRXDazevV+VEmp2Y9AImBndpQe9biZPA/uW2nBGR9RKxrILhF+2qTlGANGDKJ6yH/rQ=',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws:sts::624384546187:assumed-role/cortex_xsiam20240930112820077540000001/xdr-collection',
			action: 'kms:Decrypt',
			resource: 'arn:aws:kms:eu-west-2:624384546187:key/b997e702-260d-456b-95c4-270624f53307',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/ministryofjustice/modernisation-platform-environments/pull/10745',
		input:
			' Message: com.amazonaws.services.s3.model.AmazonS3Exception: User: arn:aws:sts::xxxx:assumed-role/observability-platform/xxxx is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-2:xxx:key/x because no identity-based policy allows the kms:Decrypt action ',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::xxxx:assumed-role/observability-platform/xxxx',
			action: 'kms:Decrypt',
			resource: 'arn:aws:kms:eu-west-2:xxx:key/x',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// A KMS JSON body escaped inside a Python repr: \" quotes and \\n line breaks.
		source: 'https://github.com/aws/aws-nitro-enclaves-sdk-c/issues/157',
		input: String.raw`{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::xxxxxxxxxxxx:assumed-role/enclave_role/i-09654650371b8eff3 is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-central-1:xxxxxxxxxxxx:key/e7b0fb1b-8903-4a44-afd9-baa76f246adc with an explicit deny in a resource-based policy\"}\\nCould not read response from KMS\\nCould not decrypt ciphertext\\nCould not decrypt\\n\\n')",`,
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::xxxxxxxxxxxx:assumed-role/enclave_role/i-09654650371b8eff3',
			action: 'kms:Decrypt',
			resource: 'arn:aws:kms:eu-central-1:xxxxxxxxxxxx:key/e7b0fb1b-8903-4a44-afd9-baa76f246adc',
			denyKind: 'explicit',
			policyType: 'resource-based',
		},
	},
	{
		// The older wording: "with an explicit deny" and no policy type.
		source: 'https://github.com/cloud-custodian/cloud-custodian/issues/4736',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetFunction operation: User: arn:aws:iam::1111111111:user/USERNAME is not authorized to perform: lambda:GetFunction on resource: arn:aws:lambda:us-east-1:11111111111:function:custodian-s3-deny-public-object-acl-realtime with an explicit deny',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::1111111111:user/USERNAME',
			action: 'lambda:GetFunction',
			resource:
				'arn:aws:lambda:us-east-1:11111111111:function:custodian-s3-deny-public-object-acl-realtime',
			denyKind: 'explicit',
		},
	},
	{
		source: 'https://github.com/doug-macleod/Pipe-1Dev/issues/13',
		input:
			'User: arn:aws:sts::674568819625:assumed-role/SCF/ImNaYhDWEWEnqwXHDyUIJYXvRnZUCQNG\nis not authorized to perform: lambda:InvokeFunction on resource:\narn:aws:lambda:us-east-2:674568819625:function:scf-prepare-data-generateUploadKeyHQ3VTHNGXALG with an explicit deny (Service: AWSLambda; Status Code: 403; Error\nCode: AccessDeniedException; Request ID: 07cfc81d-06b7-45bc-8d4a-7f2d673a80ba)',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::674568819625:assumed-role/SCF/ImNaYhDWEWEnqwXHDyUIJYXvRnZUCQNG',
			action: 'lambda:InvokeFunction',
			resource:
				'arn:aws:lambda:us-east-2:674568819625:function:scf-prepare-data-generateUploadKeyHQ3VTHNGXALG',
			denyKind: 'explicit',
		},
	},
	{
		// SDK v2 for JavaScript, as the CDK CLI printed it: message, stack, then the error's fields.
		source: 'https://github.com/aws/aws-cdk/issues/27622',
		input:
			"❌  Environment aws://123/eu-central-1 failed bootstrapping: AccessDenied: User: arn:aws:iam::123:user/AliceLeyou is not authorized to perform: cloudformation:DescribeStacks on resource: arn:aws:cloudformation:eu-central-1:123:stack/CDKToolkit/* with an explicit deny in an identity-based policy\n    at Request.<anonymous> (C:\\Users\\AliceLeyou\\AppData\\Roaming\\npm\\node_modules\\aws-cdk\\lib\\index.js:362:190133)\n    at Request.<anonymous> (C:\\Users\\AliceLeyou\\AppData\\Roaming\\npm\\node_modules\\aws-cdk\\lib\\index.js:362:196364)\n    at Request.callListeners (C:\\Users\\AliceLeyou\\AppData\\Roaming\\npm\\node_modules\\aws-cdk\\lib\\index.js:362:90251) {\n  code: 'AccessDenied',\n  time: 2023-10-18T07:59:55.636Z,\n  requestId: 'e96bb3fc-cfcb-4f3e-a6a6-9df2cce0ee9c',\n  statusCode: 403,",
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::123:user/AliceLeyou',
			action: 'cloudformation:DescribeStacks',
			resource: 'arn:aws:cloudformation:eu-central-1:123:stack/CDKToolkit/*',
			denyKind: 'explicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/mmmorris1975/aws-runas/issues/1',
		input:
			'2017/09/25 10:10:46 ERROR error doing AssumeRole: AccessDenied: User: arn:aws:iam::XXXXXXXXXXXX:user/managed-user/mike.feineman@pearson.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::XXXXXXXXXXXX:role/managed-role/XXXXXXXXXXXX-PearsonCloudEngineers\n\tstatus code: 403, request id: 168d371e-a20c-11e7-abab-abababababab',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::XXXXXXXXXXXX:user/managed-user/mike.feineman@pearson.com',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::XXXXXXXXXXXX:role/managed-role/XXXXXXXXXXXX-PearsonCloudEngineers',
		},
	},
	{
		source: 'https://github.com/lonelyplanet/aws-mfa/issues/19',
		input:
			'A client error (AccessDenied) occurred when calling the ListMFADevices operation: User: arn:aws:iam::###########:user/XXXXXXXX is not authorized to perform: iam:ListMFADevices',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::###########:user/XXXXXXXX',
			action: 'iam:ListMFADevices',
		},
	},
	{
		source: 'https://github.com/wallix/awless/issues/207',
		input: '[info]    KO create bucket\n          AccessDenied: Access Denied',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source: 'https://github.com/Kralizek/AWSSecretsManagerConfigurationExtensions/issues/78',
		input:
			'---> Amazon.SecretsManager.AmazonSecretsManagerException: User: arn:aws:sts::***REDACTED** is not authorized to perform: secretsmanager:ListSecrets because no identity-based policy allows the secretsmanager:ListSecrets action',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::***REDACTED**',
			action: 'secretsmanager:ListSecrets',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/binbashar/le-tf-infra-aws/pull/874',
		input:
			'│ Error: reading Secrets Manager Secret (arn:aws:secretsmanager:us-east-1:763606934258:secret:/devops/notifications/phone/notifications-2jm5Pa) policy: AccessDeniedException: User: arn:aws:sts::763606934258:assumed-role/Atlantis/aws-go-sdk-1754575475244887285 is not authorized to perform: secretsmanager:GetResourcePolicy on resource: arn:aws:secretsmanager:us-east-1:763606934258:secret:/devops/notifications/phone/notifications-2jm5Pa because no identity-based policy allows the secretsmanager:GetResourcePolicy action\n│ \tstatus code: 400, request id: 2b5b19bf-f794-4bac-bead-f92e86c2c734',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::763606934258:assumed-role/Atlantis/aws-go-sdk-1754575475244887285',
			action: 'secretsmanager:GetResourcePolicy',
			resource:
				'arn:aws:secretsmanager:us-east-1:763606934258:secret:/devops/notifications/phone/notifications-2jm5Pa',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/Kralizek/AWSSecretsManagerConfigurationExtensions/issues/76',
		input:
			'Amazon.SecretsManager.AmazonSecretsManagerException: User: [obfuscated] is not authorized to perform: secretsmanager:ListSecrets because no permissions boundary allows the secretsmanager:ListSecrets action',
		expected: {
			category: 'access-denied',
			principal: '[obfuscated]',
			action: 'secretsmanager:ListSecrets',
			denyKind: 'implicit',
			policyType: 'permissions-boundary',
		},
	},
	{
		source: 'https://github.com/amzn/selling-partner-api-samples/issues/76',
		input:
			'AccessDeniedException: User: arn:aws:iam::858XXXXXXXXX:user/AmazonSpListing is not authorized to perform: secretsmanager:GetSecretValue on resource: settings because no identity-based policy allows the secretsmanager:GetSecretValue action',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::858XXXXXXXXX:user/AmazonSpListing',
			action: 'secretsmanager:GetSecretValue',
			resource: 'settings',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/mongodb/awscdk-resources-mongodbatlas/issues/207',
		input:
			'Resource handler returned message: "AccessDeniedException: User: arn:aws:sts::903779448426:assumed-role/MongoDB-Atlas-CDK-Excecution/8ce94db6-f347-1447-0e88-762666244885 is not authorized to perform: secretsmanager:GetSecretValue on resource: cfn/atlas/profile/development because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 332c0e26-bdf4-4cc0-add0-805f2acf50e5" (RequestToken: 8ce94db6-f347-1447-0e88-762666244885, HandlerErrorCode: NotFound)',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::903779448426:assumed-role/MongoDB-Atlas-CDK-Excecution/8ce94db6-f347-1447-0e88-762666244885',
			action: 'secretsmanager:GetSecretValue',
			resource: 'cfn/atlas/profile/development',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// Placeholders with spaces inside the ARN.
		source: 'https://github.com/external-secrets/kubernetes-external-secrets/issues/808',
		input:
			'{"message":"User: arn:aws:iam::<xxxxxxxxxx>:user/<iam user name> is not authorized to perform: secretsmanager:GetSecretValue on resource: db-connection"',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::<xxxxxxxxxx>:user/<iam user name>',
			action: 'secretsmanager:GetSecretValue',
			resource: 'db-connection',
		},
	},
	{
		source: 'https://github.com/buildkite/elastic-ci-stack-for-aws/issues/193',
		input:
			'An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: arn:aws:sts::sdfsdfsd:assumed-role/buildkite-docker-builders-Role/i-sdfsdf is not authorized to perform: ecr:GetAuthorizationToken on resource: *',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::sdfsdfsd:assumed-role/buildkite-docker-builders-Role/i-sdfsdf',
			action: 'ecr:GetAuthorizationToken',
			resource: '*',
		},
	},
	{
		source: 'https://github.com/aws/aws-cli/issues/5592',
		input:
			'An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: <USER> is not authorized to perform: <AWS_SERVICES:ACTION> on resource: * with an explicit deny',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: '<USER>',
			action: '<AWS_SERVICES:ACTION>',
			resource: '*',
			denyKind: 'explicit',
		},
	},
	{
		source: 'https://github.com/awsdocs/amazon-ecr-user-guide/pull/19',
		input:
			'An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: <user-arn> is not authorized to perform: ecr:GetAuthorizationToken on resource: *',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: '<user-arn>',
			action: 'ecr:GetAuthorizationToken',
			resource: '*',
		},
	},
	{
		source: 'https://github.com/microsoft/aspire/pull/3333',
		input:
			'User: arn:aws:iam::111111111111:user/DUB.SQS is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:eu-west-1:222222222222:AspireSampleDevResources-ChatMessagesQueue-abcdef123456 because no resource-based policy allows the sqs:sendmessage action',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::111111111111:user/DUB.SQS',
			action: 'sqs:sendmessage',
			resource:
				'arn:aws:sqs:eu-west-1:222222222222:AspireSampleDevResources-ChatMessagesQueue-abcdef123456',
			denyKind: 'implicit',
			policyType: 'resource-based',
		},
	},
	{
		source: 'https://github.com/aws/serverless-application-model/issues/3633',
		input:
			'An error occurred (AccessDenied) when calling the SendMessageBatch operation: User: arn:aws:iam::0123456789012:user/test is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-west-2:0123456789012:test because no identity-based policy allows the sqs:sendmessage action',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::0123456789012:user/test',
			action: 'sqs:sendmessage',
			resource: 'arn:aws:sqs:us-west-2:0123456789012:test',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// SQS's query-protocol wording names an endpoint URL, not an ARN: no resource field.
		source: 'https://github.com/aws/aws-sdk-php/issues/188',
		input:
			'AWS Error Code: AccessDenied, Status Code: 403, AWS Request ID: > a8156b52-2952-53fa-87d3-2043726a2bb8, AWS Error Type: client, AWS Error > Message: Access to the resource https://sqs.us-west-2.amazonaws.com/ is denied., User-Agent: aws-sdk-php2/2.3.4 Guzzle/3.6.0 curl/7.25.0 PHP/5.4.3',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source: 'https://github.com/boto/boto3/issues/1821',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the CreateQueue operation: Access to the resource https://eu-west-1.queue.amazonaws.com/ is denied.',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source: 'https://github.com/jeremydaly/serverless-cloudside-plugin/issues/5',
		input:
			'{\n  "message": "Access to the resource https://sqs.eu-west-1.amazonaws.com/ is denied.",\n  "code": "AccessDenied",\n  "time": "2019-07-17T16:44:08.059Z",\n  "requestId": "c9f0405b-1901-57f2-a692-15f24b967222",\n  "statusCode": 403,\n  "retryable": false,\n  "retryDelay": 22.371497804991503\n}',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		// No code at all: only SQS's wording says it was a denial.
		source: 'https://github.com/bbc/sqs-consumer/issues/225',
		input:
			'{"message":"SQS receive message failed: Access to the resource https://sqs.eu-west-1.amazonaws.com/ is denied.","level":"error"}',
		expected: { category: 'access-denied' },
	},
	{
		source: 'https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/116',
		input:
			'│ Error: creating Cognito User Pool: AccessDeniedException: User: arn:aws:iam::XXXXXXXXXXXXX:user/cc/admin/guy is not authorized to perform: cognito-idp:CreateUserPool on resource: * because no identity-based policy allows the cognito-idp:CreateUserPool action\n│       status code: 400, request id: d4e241ba-3bf7-4b17-9888-4233d7f99ca4',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:iam::XXXXXXXXXXXXX:user/cc/admin/guy',
			action: 'cognito-idp:CreateUserPool',
			resource: '*',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/aws-amplify/amplify-js/issues/146',
		input:
			'User: arn:aws:sts::<account_id>:assumed-role/<app_pool_name>/CognitoIdentityCredentials is not authorized to perform: cognito-idp:ListUsers on resource: arn:aws:cognito-idp:us-east-1:<account_id>:userpool/<pool_id>',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::<account_id>:assumed-role/<app_pool_name>/CognitoIdentityCredentials',
			action: 'cognito-idp:ListUsers',
			resource: 'arn:aws:cognito-idp:us-east-1:<account_id>:userpool/<pool_id>',
		},
	},
	{
		// Quoted from the middle of the ARN: no principal is stated.
		source: 'https://github.com/aws-amplify/amplify-cli/issues/10949',
		input:
			'function is not authorized to perform: cognito-idp:AdminCreateUser on resource: user-pool-ID because no identity-based policy allows the cognito-idp:AdminCreateUser action',
		expected: {
			category: 'access-denied',
			action: 'cognito-idp:AdminCreateUser',
			resource: 'user-pool-ID',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/aws/aws-sdk-js/issues/1843',
		input:
			'CognitoIdentityCredentials is not authorized to perform: cognito-idp:ListUsers on resource: XXXX',
		expected: { category: 'access-denied', action: 'cognito-idp:ListUsers', resource: 'XXXX' },
	},
	{
		source: 'https://github.com/aws/chalice/issues/529',
		input:
			'An error occurred (AccessDeniedException) when calling the ListUsers operation: User: arn:aws:sts::xxxxx:assumed-role/user_auth-dev/user_auth-dev is not authorized to perform: cognito-idp:ListUsers on resource: arn:aws:cognito-idp:us-west-2:xxxxx:userpool/xxxxx',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::xxxxx:assumed-role/user_auth-dev/user_auth-dev',
			action: 'cognito-idp:ListUsers',
			resource: 'arn:aws:cognito-idp:us-west-2:xxxxx:userpool/xxxxx',
		},
	},
	{
		source: 'https://github.com/aws-amplify/amplify-cli/issues/7366',
		input:
			'User: arn:aws:sts::xxx:assumed-role/us-east-2_xxxx_Full-access/amplifyadmin is not authorized to perform: cognito-identity:GetIdentityPoolRoles on resource: arn:aws:cognito-identity:us-east-2:xxxx:identitypool/us-east-2:xxxx',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::xxx:assumed-role/us-east-2_xxxx_Full-access/amplifyadmin',
			action: 'cognito-identity:GetIdentityPoolRoles',
			resource: 'arn:aws:cognito-identity:us-east-2:xxxx:identitypool/us-east-2:xxxx',
		},
	},
	{
		// CloudFormation's event for EC2: "API: <action>" before EC2's sentence.
		source: 'https://github.com/eksctl-io/eksctl/issues/365',
		input:
			'2018-12-29T00:04:53Z [✖]  AWS::EC2::VPC/VPC: CREATE_FAILED – "API: ec2:DescribeVpcs You are not authorized to perform this operation."',
		expected: { category: 'access-denied', action: 'ec2:DescribeVpcs' },
	},
	{
		source: 'https://github.com/eksctl-io/eksctl/issues/365',
		input:
			'2018-12-29T00:04:53Z [✖]  AWS::EC2::EIP/NATIP: CREATE_FAILED – "API: ec2:describeAddresses You are not authorized to perform this operation."',
		expected: { category: 'access-denied', action: 'ec2:describeAddresses' },
	},
	{
		source: 'https://github.com/trailofbits/algo/issues/14369',
		input:
			'"AWS::EC2::Route Route DELETE_FAILED: API: ec2:DeleteRoute You are not authorized to perform this operation. Encoded authorization failure message: ZCyj9c9CjLY9TKMxeP1P1XN4rntH0HpMNA5QJW3LsznUNh7zjzEA8-XsvINqwuROpJPa00Wm4YM47ENxtiPlIsWSsHo0lK2VGNs2_yhe7w1KtExBR3Rz4U6mbTDxzdSSmgnU6N1-8MEYBKtMqkBxxncItYAhp4s9PTyQqTr0EyMtBPcwWEKKq1qAkRkt873q4EozW_Gl9zb-etkg3l4htyEdKtIA6GibHMbUk4qwBA_jFdVWPuOvIsl7JYJyzLRd7E5lkRVOreQ2UQLyJ2N_En4w-F4wL4bOGjW5QUa5Njuafat5l-ul6UsrjsP-wQ0eGQpBiGn31Vup1QTMsQOro5QGXtKjXl3sC_B-6mS4CQr0a3zXT9hSDS7MJW2kDkZQ4o9ldD-3PHBSaOLZUbKy6wWpKIrPZFEEle8yc06iyrTWyYV9RW3M',
		expected: {
			category: 'access-denied',
			action: 'ec2:DeleteRoute',
			encodedMessage:
				'ZCyj9c9CjLY9TKMxeP1P1XN4rntH0HpMNA5QJW3LsznUNh7zjzEA8-XsvINqwuROpJPa00Wm4YM47ENxtiPlIsWSsHo0lK2VGNs2_yhe7w1KtExBR3Rz4U6mbTDxzdSSmgnU6N1-8MEYBKtMqkBxxncItYAhp4s9PTyQqTr0EyMtBPcwWEKKq1qAkRkt873q4EozW_Gl9zb-etkg3l4htyEdKtIA6GibHMbUk4qwBA_jFdVWPuOvIsl7JYJyzLRd7E5lkRVOreQ2UQLyJ2N_En4w-F4wL4bOGjW5QUa5Njuafat5l-ul6UsrjsP-wQ0eGQpBiGn31Vup1QTMsQOro5QGXtKjXl3sC_B-6mS4CQr0a3zXT9hSDS7MJW2kDkZQ4o9ldD-3PHBSaOLZUbKy6wWpKIrPZFEEle8yc06iyrTWyYV9RW3M',
		},
	},
	{
		// A CloudTrail errorMessage: IAM names the resource as "role <name>", and the copy lost a space
		// before "is not authorized".
		source: 'https://github.com/aws-samples/well-architected-iac-analyzer/issues/108',
		input:
			'"errorMessage": "User: arn:aws:sts::111111111111:assumed-role/iac-analyzer-deployment-stack-EC2Role-zZiIW90X0coi/i-11111wasdasdasfasdfais not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role cdk-hnb659fds-image-publishing-role-111111111111-us-east-1 because no identity-based policy allows the iam:UpdateAssumeRolePolicy action"',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::111111111111:assumed-role/iac-analyzer-deployment-stack-EC2Role-zZiIW90X0coi/i-11111wasdasdasfasdfa',
			action: 'iam:UpdateAssumeRolePolicy',
			resource: 'role cdk-hnb659fds-image-publishing-role-111111111111-us-east-1',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/CheckPointSW/Cuckoo-AWS/issues/21',
		input:
			'ClientError: An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message:',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation', encodedMessage: null },
	},
	{
		source: 'https://github.com/StreisandEffect/streisand/issues/1618',
		input:
			'The error was: <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>a1c6396c-f067-4e6b-bc27-aeebaf780b68</RequestID></Response>',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		source: 'https://github.com/boozallen/projectjellyfish/issues/927',
		input: 'Subnet::UnauthorizedOperation - You are not authorized to perform this operation.',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		source: 'https://github.com/hashicorp/terraform/issues/7198',
		input:
			'aws_launch_configuration.sandbox: Error creating launch configuration: ValidationError: You are not authorized to perform this operation.',
		expected: { category: 'access-denied', code: 'ValidationError' },
	},
	{
		source: 'https://github.com/test-kitchen/kitchen-ec2/issues/120',
		input:
			'>>>>>> Message: Failed to complete #create action: [You are not authorized to perform this operation.]',
		expected: { category: 'access-denied' },
	},
	{
		source: 'https://github.com/lucpod/aws-lambda-workshop/issues/2',
		input:
			'An error occurred (AccessDenied) when calling the CreateChangeSet operation: User: arn:aws:iam::984595728250:user/<Subha> is not authorized to perform: cloudformation:CreateChangeSet on resource: arn:aws:cloudformation:us-east-1:984595728250:stack/simple-hello-world/*',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::984595728250:user/<Subha>',
			action: 'cloudformation:CreateChangeSet',
			resource: 'arn:aws:cloudformation:us-east-1:984595728250:stack/simple-hello-world/*',
		},
	},
	{
		source: 'https://github.com/luminartech/helm-charts-public/pull/314',
		input:
			'  "error": "tagging nodeclaim, tagging instance, UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::627218074315:assumed-role/iac-infra-eks-karpenter/1741365618907311849 is not authorized to perform: ec2:CreateTags on resource: arn:aws:ec2:us-west-2:627218074315:instance/i-078fb46f2fe838e0a because no identity-based policy allows the ec2:CreateTags action. Encoded authorization failure message: IkRU9kPtLAri7S4r9czbppLn9ZswZoHnjiTWQ8R0w7_nuIICV1L5u2zk1gnKksldftCQewT9NGGR_XBEJ70qQALXGM_YxD9dWPKuvjQ9_PiNH4XDtm0bzhzl9CIbl8s1Lxq4deozicButIg4b3hioUu02YV4CApPBUrgjtra7gnAP3D05tamU8Xb35wMgIWOPPM47EyBau2JFHVQV43JeEENZ-_uVxvEqDCIbLy1qmszHMfEWokosvz6tL234DC_vQ57kRE9FGWD8dbb5drJ9HxsXZDMF4bZw2qCgpbRTUDTBt6R9PPTuWKzitvlNmb3Qg2CxChRu1H7LRphZGp4kGqjRsmI8bdxlvS0NQAV3P_E0UC5feQCtA5Ljxlahs-0wtO1dIdkpVld7IqrI_V6cFbfZedwatW7a0YUch0qufofxy9psey1-ANHWZC9xnYyZ1u_c7WtmSL_8O64YvvzR9pFNM3ZoAm3lFCJz28j9PKi9oaBKoJY4is8m_yFtay_tsqsoHfgysCJdTecLQ0XvfvZquxphG5oxhJi_8GIKZ_cTPWoFQDLPxlJQP0Rk8_hoaAZOE_ySRGQfT4o5MvJJ-fqKTRhxH5o1RAiJOBu9JR9RVV-062CF84MI-BfF3It4ifqWr2quxs9ZU2m1GR9CzYukS5r-yyDc4nSg_GSBbW4q1NqdIKyKjJjIdlucG7Y-0W57OJZdb38hrhyTWOLavw69tmpgrZtDpsn3h_8nQ2uxOxNoxsjErO2w1itjLVCYli48GSnFqNUlL3cG7DpEg3YogXCcYbJ4AffKFcke3IfVbEHsxGVz66KzpZmGze1Do-U7mPdJsDKQXUEQDzAG19xIlcj_x',
		expected: {
			category: 'access-denied',
			code: 'UnauthorizedOperation',
			principal:
				'arn:aws:sts::627218074315:assumed-role/iac-infra-eks-karpenter/1741365618907311849',
			action: 'ec2:CreateTags',
			resource: 'arn:aws:ec2:us-west-2:627218074315:instance/i-078fb46f2fe838e0a',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/aws/karpenter-provider-aws/issues/7370',
		input:
			'   "error":"launching nodeclaim, creating instance, with fleet error(s), UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::123456789:assumed-role/karpeter-controller-role/1731429849551905269 is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-2:123456789:instance/* with an explicit deny in a service control policy. Encoded authorization failure message: g4oZPBqZ4Bni8dE5dGjxYTnOZ..."',
		expected: {
			category: 'access-denied',
			code: 'UnauthorizedOperation',
			principal: 'arn:aws:sts::123456789:assumed-role/karpeter-controller-role/1731429849551905269',
			action: 'ec2:RunInstances',
			resource: 'arn:aws:ec2:us-east-2:123456789:instance/*',
			denyKind: 'explicit',
			policyType: 'scp',
		},
	},
	{
		source: 'https://ataiva.com/how-to-view-the-encoded-authorization-failure-message-in-aws',
		input:
			'API: ec2:CreateSecurityGroup You are not authorized to perform this operation. Encoded authorization failure message: B2UTpuAS30_naB5rE3Dw5v2ENy-V5w3H0wmt6rfE8hrpUz2dCIiA5XcBCtzo4cipk_JiGxAKCvlZQy0Rr2Xi3Fg2pKdkvojgn5LOZJzVroFPqMbyJguCJWxxxxxxxDNOZGGGlT2PIxTnqLQ561_piXzApfRL2kv-cYhxnuNwJWEeX8-N15mDcswhUyoV5pYtehdupp5umWZt8mcAiatlf7JIo0Q6tobs7Iw22tWTofMIZW-qkPtrTg7YrrY2--kTF3Q9qQBJw6gjr_QGznd9Fh0OMF_dCLC70bLRg5Jtxn5HyLxZWu9sC-y6x1tebYRokj32NVqr4h8pklocEKe6iqM88xV1cHJXcstP_gvoFf22yFmIll7DcE5Llsn-lD6bsB0QWWgy81m6_X0JW6s5ea4BD2nE1GM511BS20x-gGM65fm5z2SrjU09G-kmXngugnra135eY28qqjdvIl1Knb-KnEXzrtAj_DaAehx5HizwtIdi3_Yxxxxxxx_AmwgLBDZuqEL1BLZjClw7TtVjysGeO6WJyL2NMXN7Gtvzg2AL4q_z-ROH1xxxxxxxxxxx',
		expected: { category: 'access-denied', action: 'ec2:CreateSecurityGroup' },
	},
	{
		// The CLI (v1) printed the encoded message over several lines.
		source: 'http://cloudway.io/post/decode-authorization-message/',
		input:
			'A client error (UnauthorizedOperation) occurred when calling the RunInstances operation: \nYou are not authorized to perform this operation. Encoded authorization failure message:\noGsbAaIV7wlfj8zUqebHUANHzFbmkzILlxyj__y9xwhIHk99U_cUq1FIeZnskWDjQ1wSHStVfdCEyZILGoccGpCiCIhOR\nceWF9rRwFTnEcRJ3N9iTrPAE1WHveC5Z54ALPaWlEjHlLg8wCaB8d8lCKmxQuylCm0r1Bf2fHJRUjAYopMVmga8olFmKAl\n9yn_Z5rI120Q9p5ZIMX28zYM4dTu1cJQUQjosgrEejfiIMYDda8l7Ooko9H6VmGJXS62KfkRa5l7yE6hhh2bIwA6tpyCJy \n2LWFRTe4bafqAyoqkarhPA4mGiZyWn4gSqbO8o-uqSIvWYPweaKGkampa0arcFR4gBD7Ph097WYBkzX9hVjGppLMy4jpXRv\njeA5o7TembBR-Jvowq6mNim0',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		source: 'https://repost.aws/knowledge-center/iam-explicit-deny-errors',
		input:
			'"Error: An error occurred (AccessDenied) when calling the RunInstances operation: User: arn:aws:iam::444455556666:user/ExampleUser is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:444455556666:volume/* with an explicit deny"',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::444455556666:user/ExampleUser',
			action: 'ec2:RunInstances',
			resource: 'arn:aws:ec2:us-east-1:444455556666:volume/*',
			denyKind: 'explicit',
		},
	},
	{
		// The 2022 version of the same article: the resource is named "role <name>".
		source: 'https://aws.amazon.com/premiumsupport/knowledge-center/iam-explicit-deny-errors/',
		input:
			'Error: An error occurred (AccessDenied) when calling the RunInstances operation: User: arn:aws:iam::XXXXXXXX:user/tester is not authorized to perform: ec2:RunInstances on resource: role TestReadOnly with an explicit deny',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::XXXXXXXX:user/tester',
			action: 'ec2:RunInstances',
			resource: 'role TestReadOnly',
			denyKind: 'explicit',
		},
	},
	{
		source: 'https://infrarunbook.com/article/aws-iam-permission-denied-errors',
		input:
			'An error occurred (AccessDenied) when calling the GetObject operation:\n  User: arn:aws:iam::123456789012:user/infrarunbook-admin is not authorized\n  to perform: s3:GetObject on resource:\n  arn:aws:s3:::infrarunbook-backups/configs/prod.tar.gz',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::123456789012:user/infrarunbook-admin',
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::infrarunbook-backups/configs/prod.tar.gz',
		},
	},
	{
		source: 'https://infrarunbook.com/article/aws-iam-permission-denied-errors',
		input:
			'An error occurred (AccessDenied) when calling the AssumeRole operation:\n  User: arn:aws:iam::123456789012:user/infrarunbook-admin is not authorized\n  to perform: sts:AssumeRole on resource:\n  arn:aws:iam::987654321098:role/InfraDeployRole',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::123456789012:user/infrarunbook-admin',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::987654321098:role/InfraDeployRole',
		},
	},
	{
		// AWS's article writes placeholders for the principal and the action.
		source: 'https://www.repost.aws/knowledge-center/iam-organizations-scp-deny-error',
		input:
			'"The IAM Entity is not authorized to perform API action on resource: arn:aws:iam::123456789012:role/Admin with an explicit deny in a service control policy".',
		expected: {
			category: 'access-denied',
			resource: 'arn:aws:iam::123456789012:role/Admin',
			denyKind: 'explicit',
			policyType: 'scp',
		},
	},
	{
		source: 'https://github.com/aws-actions/configure-aws-credentials/issues/318',
		input:
			'Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity',
		expected: { category: 'access-denied', action: 'sts:AssumeRoleWithWebIdentity' },
	},
	{
		source: 'https://github.com/ASFHyP3/hyp3/issues/2283',
		input:
			'{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/"}',
		expected: {
			category: 'access-denied',
			principal: 'anonymous',
			action: 'execute-api:Invoke',
			resource: 'arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/',
		},
	},
	{
		source: 'https://github.com/danilop/LambdAuth/issues/37',
		input:
			'{"Message":"User: arn:aws:sts::009825708026:assumed-role/Cognito_toadkicker_poolUnauth_Role/CognitoIdentityCredentials is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:009825708026:function:LambdAuthCreateUser"}',
		expected: {
			category: 'access-denied',
			principal:
				'arn:aws:sts::009825708026:assumed-role/Cognito_toadkicker_poolUnauth_Role/CognitoIdentityCredentials',
			action: 'lambda:InvokeFunction',
			resource: 'arn:aws:lambda:us-east-1:009825708026:function:LambdAuthCreateUser',
		},
	},
	{
		source: 'https://github.com/serverless/serverless/issues/11808',
		input:
			'{\n  "Message" "User: annonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:******:<idOfGateway>/test/GET/helloworld\n}',
		expected: {
			category: 'access-denied',
			principal: 'annonymous',
			action: 'execute-api:Invoke',
			resource: 'arn:aws:execute-api:eu-west-1:******:<idOfGateway>/test/GET/helloworld',
		},
	},
	{
		source: 'https://github.com/alexcasalboni/aws-lambda-power-tuning/issues/59',
		input:
			'{\n    "errorType": "AccessDeniedException",\n    "errorMessage": "User: arn:aws:sts::831967359561:assumed-role/serverlessrepo-aws-lambda-power-tu-initializerRole-KBWW5V1IY08N/serverlessrepo-aws-lambda-power-tuning-initializer-1D8H4M62LFR4T is not authorized to perform: lambda:GetFunctionConfiguration on resource: arn:aws:lambda:us-west-2:725462913924:function:dev-testResult-student-testresults-get-lambda",\n    "code": "AccessDeniedException",',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::831967359561:assumed-role/serverlessrepo-aws-lambda-power-tu-initializerRole-KBWW5V1IY08N/serverlessrepo-aws-lambda-power-tuning-initializer-1D8H4M62LFR4T',
			action: 'lambda:GetFunctionConfiguration',
			resource:
				'arn:aws:lambda:us-west-2:725462913924:function:dev-testResult-student-testresults-get-lambda',
		},
	},
	{
		source: 'https://github.com/aws-ia/terraform-aws-control_tower_account_factory/issues/174',
		input:
			'[ERROR] ClientError: An error occurred (AccessDeniedException) when calling the GetParametersByPath operation: User: arn:aws:sts::ID_OF_ACCOUNT_TO_CUSTOMIZE:assumed-role/AWSAFTService/AWSAFT-Session is not authorized to perform: ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1:ID_OF_ACCOUNT_TO_CUSTOMIZE:parameter/aft/account-request/custom-fields/ because no identity-based policy allows the ssm:GetParametersByPath action\nTraceback (most recent call last):',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::ID_OF_ACCOUNT_TO_CUSTOMIZE:assumed-role/AWSAFTService/AWSAFT-Session',
			action: 'ssm:GetParametersByPath',
			resource:
				'arn:aws:ssm:eu-west-1:ID_OF_ACCOUNT_TO_CUSTOMIZE:parameter/aft/account-request/custom-fields/',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/aws-solutions/aws-control-tower-customizations/issues/208',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetParameter operation: User: arn:aws:sts::<accountid>:assumed-role/Customizations-for-ControlTo-StackSetCodeBuildRole-<uuid>/AWSCodeBuild-<runid> is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:eu-central-1:<accountid>:* because no identity-based policy allows the ssm:GetParameter action',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::<accountid>:assumed-role/Customizations-for-ControlTo-StackSetCodeBuildRole-<uuid>/AWSCodeBuild-<runid>',
			action: 'ssm:GetParameter',
			resource: 'arn:aws:ssm:eu-central-1:<accountid>:*',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// SDK v3 for JavaScript as Node's console.error prints it: message, stack, then the fields.
		source: 'https://github.com/github-aws-runners/terraform-aws-github-runner/issues/1279',
		input:
			"2021-10-12T15:35:42.503Z\t67asd78s-6e79-5410-b40f-5182c3f3402e\tERROR\tAccessDeniedException: User: arn:aws:sts::11111111111111:assumed-role/poc-action-scale-up-lambda-role/poc-scale-up is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-west-1:11111111111111:*\n    at deserializeAws_json1_1GetParameterCommandError (/var/task/index.js:26735:41)\n    at processTicksAndRejections (internal/process/task_queues.js:95:5)\n    at async /var/task/index.js:46787:20\n    at async /var/task/index.js:46984:20\n    at async StandardRetryStrategy.retry (/var/task/index.js:46433:46)\n    at async /var/task/index.js:46201:22 {\n  __type: 'AccessDeniedException',\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 400,\n    requestId: '2a88085d-b343-3fhd-87r5-cb7fe2e4bba3',\n    extendedRequestId: undefined,\n    cfId: undefined,\n    attempts: 1,\n    totalRetryDelay: 0\n  }\n}",
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::11111111111111:assumed-role/poc-action-scale-up-lambda-role/poc-scale-up',
			action: 'ssm:GetParameter',
			resource: 'arn:aws:ssm:us-west-1:11111111111111:*',
		},
	},
	{
		source: 'https://github.com/github-aws-runners/terraform-aws-github-runner/issues/445',
		input:
			'Fail to fetch/remove json config: AccessDeniedException: User: arn:aws:sts::******:assumed-role/github-runners-github-action-runners-runner-role/i-0d0037a82dcf333a2 is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-west-2:******:parameter/github-runners-cloudwatch_agent_config_runner',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal:
				'arn:aws:sts::******:assumed-role/github-runners-github-action-runners-runner-role/i-0d0037a82dcf333a2',
			action: 'ssm:GetParameter',
			resource:
				'arn:aws:ssm:us-west-2:******:parameter/github-runners-cloudwatch_agent_config_runner',
		},
	},
	{
		source: 'https://github.com/YumaInaura/YumaInaura/issues/3444',
		input:
			'[AWS Parameters and Secrets Lambda Extension] 2023/09/08 05:01:38 ERROR GetParameter request encountered an error: \noperation error SSM: GetParameter, https response error StatusCode: 400, RequestID: *********************, api error \nAccessDeniedException: User: arn:aws:sts::***:assumed-role/example-role/xxx is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:ap-northeast-1:*********:parameter/testparam because no identity-based policy allows the ssm:GetParameter action',
		expected: {
			category: 'access-denied',
			code: 'AccessDeniedException',
			principal: 'arn:aws:sts::***:assumed-role/example-role/xxx',
			action: 'ssm:GetParameter',
			resource: 'arn:aws:ssm:ap-northeast-1:*********:parameter/testparam',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		// The aws-us-gov partition.
		source: 'https://github.com/department-of-veterans-affairs/va.gov-team/issues/36932',
		input:
			'User: arn:aws-us-gov:iam::008577686731:user/Eric.Voshall is not authorized to perform: ssm:PutParameter on resource: arn:aws-us-gov:ssm:us-gov-west-1:008577686731:parameter/dsva-vagov/platform-console-ui/dev/auth_github_client_secret because no identity-based policy allows the ssm:PutParameter action',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws-us-gov:iam::008577686731:user/Eric.Voshall',
			action: 'ssm:PutParameter',
			resource:
				'arn:aws-us-gov:ssm:us-gov-west-1:008577686731:parameter/dsva-vagov/platform-console-ui/dev/auth_github_client_secret',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/realestate-com-au/credulous/issues/79',
		input:
			'ERROR: AccessDenied: User: arn:aws:iam::566964866387:user/docker is not authorized to perform: iam:GetUser on resource: arn:aws:iam::566964866387:user/docker',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::566964866387:user/docker',
			action: 'iam:GetUser',
			resource: 'arn:aws:iam::566964866387:user/docker',
		},
	},
	{
		source: 'https://github.com/aws-samples/rancher-on-aws-workshop/issues/28',
		input:
			'An error occurred (AccessDenied) when calling the GetUser operation: User: arn:aws:sts::019759562784:assumed-role/rancher-manager-stack-EKSCTLRole-D78Q8FNL2T9B/i-0d9daf0baeff2d308 is not authorized to perform: iam:GetUser on resource: user rancher-cloud-credential-user because no identity-based policy allows the iam:GetUser action\nAdmin:~/environment $ env | grep AWS',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws:sts::019759562784:assumed-role/rancher-manager-stack-EKSCTLRole-D78Q8FNL2T9B/i-0d9daf0baeff2d308',
			action: 'iam:GetUser',
			resource: 'user rancher-cloud-credential-user',
			denyKind: 'implicit',
			policyType: 'identity-based',
		},
	},
	{
		source: 'https://github.com/cunningham-lab/neurocaas/issues/14',
		input:
			'Error adding User tacosyne, please evaluate An error occurred (AccessDenied) when calling the GetUser operation: User: arn:aws:iam::739988523141:user/cunninghamlab/tacosyneus-east-1 is not authorized to perform: iam:GetUser on resource: user tacosyneus-east-1\nTraceback (most recent call last):',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::739988523141:user/cunninghamlab/tacosyneus-east-1',
			action: 'iam:GetUser',
			resource: 'user tacosyneus-east-1',
		},
	},
	{
		// Placeholders in double quotes, with spaces, inside both ARNs.
		source: 'https://github.com/Netflix/security_monkey/issues/77',
		input:
			'BotoServerError: BotoServerError: 403 Forbidden\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>AccessDenied</Code>\n    <Message>User: arn:aws:sts::"my account number":assumed-role/SecurityMonkeyInstanceProfile/i-e68888 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"another account number":role/SecurityMonkey</Message>\n  </Error>\n  <RequestId>fa2bundlksjdlfjs0uw9ue9</RequestId>\n</ErrorResponse>',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal:
				'arn:aws:sts::"my account number":assumed-role/SecurityMonkeyInstanceProfile/i-e68888',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::"another account number":role/SecurityMonkey',
		},
	},
	{
		source: 'https://github.com/Netflix/security_monkey/issues/732',
		input:
			"2017-05-22 16:24:47,006 INFO: 'Problem Connecting to flowlog/CloudTrail Logs (ap-south-1)/eu-central-1:\\nAn error occurred (AccessDenied) when calling the AssumeRole operation: Not authorized to perform sts:AssumeRole' [in /usr/local/lib/python2.7/dist-packages/security_monkey-0.9.1-py2.7.egg/security_monkey/exceptions.py:68]",
		expected: { category: 'access-denied', code: 'AccessDenied', action: 'sts:AssumeRole' },
	},
	{
		// Placeholders for every part; the thread's markdown bold (**) is left out.
		source: 'https://github.com/prowler-cloud/prowler/issues/243',
		input:
			'"An error occurred (AccessDenied) when calling the <name> operation:  User:  arn:aws:sts::<accountnumber>:assumed-role/<rolename>/botocore-session-<number> is not authorized to perform: <policyname> on resource: <resourcename>"',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:sts::<accountnumber>:assumed-role/<rolename>/botocore-session-<number>',
			action: '<policyname>',
			resource: '<resourcename>',
		},
	},
	{
		source: 'https://github.com/amzn/selling-partner-api-docs/issues/564',
		input:
			'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::xxx:user/mc.my.inventory is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::xxx:role/AmazonOrders',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:iam::xxx:user/mc.my.inventory',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::xxx:role/AmazonOrders',
		},
	},
	{
		source: 'https://github.com/kubeflow/testing/pull/961',
		input:
			'An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.',
		expected: { category: 'access-denied', code: 'AccessDenied' },
	},
	{
		source: 'https://github.com/abuzuhri/Amazon-SP-API-CSharp/issues/471',
		input:
			"Amazon.SecurityToken.AmazonSecurityTokenServiceException: 'User: arn:aws:iam::123456789:user/UserAccount is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789:user/UserAccount '",
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::123456789:user/UserAccount',
			action: 'sts:AssumeRole',
			resource: 'arn:aws:iam::123456789:user/UserAccount',
		},
	},
	{
		source: 'https://github.com/aws/aws-sdk-go/issues/1536',
		input:
			'<Response>\n  <Errors>\n     <Error>\n        <Code>UnauthorizedOperation</Code>\n        <Message>You are not authorized to perform this operation. Encoded authorization failure message: 0oaZLrVVIxb8lmPCpj7S11qdDzu_uNi_mBsUZwMj5aWOqnj1VzrfzlQTk1sFa3k_QNGyDNccqpKVsfVfPPjTHtfgXbOUcmOWSfVdbQdChyYtSVR4G8f9PnQVRagacZ3MUnRw6zuQUuPdxWdw5z6cWFRzkk79gxQOa-igUwyjlYPdlGA6Psp-iMrLPrzVu00_VEpZgcVE6pCYrMF5c00ZjPOnBnATr-sO1iFvQLNGew1mBbrbKo5D9ByBIiszGTpOrwFx8553NXkg5v99x_CDhu-VaD9XA_Ey2S5W-NA0noKI_1wJeMFxzInJgxfhReZs1FOLuQhflsSjclMO9NSJM6MdfXX0ZtQs1KCo0Fo7PKvoHEUxUsZhZTklTWAYCdTZaU6-rR-lbE6wW0gwkXpC7xLQ500moKCciPGabilFCNX5XvBT1gCvzXURsmtc4MhyytIr2zTQ_AiMKf5J5Rw49pC8lNTlrKKKhCJQZKgQWJNBjAlLmXjlde443eryjEKakkXNNru6LbQ</Message>\n     </Error>\n  </Errors>\n  <RequestID>b38d2eb9-5905-4af1-9759-3765b762dac9</RequestID>\n</Response>',
		expected: {
			category: 'access-denied',
			code: 'UnauthorizedOperation',
			encodedMessage:
				'0oaZLrVVIxb8lmPCpj7S11qdDzu_uNi_mBsUZwMj5aWOqnj1VzrfzlQTk1sFa3k_QNGyDNccqpKVsfVfPPjTHtfgXbOUcmOWSfVdbQdChyYtSVR4G8f9PnQVRagacZ3MUnRw6zuQUuPdxWdw5z6cWFRzkk79gxQOa-igUwyjlYPdlGA6Psp-iMrLPrzVu00_VEpZgcVE6pCYrMF5c00ZjPOnBnATr-sO1iFvQLNGew1mBbrbKo5D9ByBIiszGTpOrwFx8553NXkg5v99x_CDhu-VaD9XA_Ey2S5W-NA0noKI_1wJeMFxzInJgxfhReZs1FOLuQhflsSjclMO9NSJM6MdfXX0ZtQs1KCo0Fo7PKvoHEUxUsZhZTklTWAYCdTZaU6-rR-lbE6wW0gwkXpC7xLQ500moKCciPGabilFCNX5XvBT1gCvzXURsmtc4MhyytIr2zTQ_AiMKf5J5Rw49pC8lNTlrKKKhCJQZKgQWJNBjAlLmXjlde443eryjEKakkXNNru6LbQ',
		},
	},
	{
		source: 'https://github.com/hashicorp/packer/pull/5415',
		input:
			"Build 'amazon-ebs' errored: Error launching source instance: UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: 223e8OLcgbf297A_d_ySw4S3r167YSVenEb3XfhTAp1OVgX07cQ7mosjhjtbi7J7UfcNolz5RfHJoV5BTeVvh_6GHyItKPRFH5T2nzdd-lQXVuqtrpXJ_7m-7yqLukfX8r2aROrRhuiN0VncsXIgUA5inY7f5nvAsF7nKwA_mIMGi1bnSaruMrbKs_6F_kEUqHJv7oCJXqaozDRuuCarlfHfGiNro9TXdWtXS10sjrvEc6YVycK_nuirwNSYRyu96Pyglr6NjTlTi_KDWaSjvxYmdVWrdFjI6jcP68WAqLjTG6uXYb0UEFv5P8bbOnwUoC5Fdxs4kQ4gUlQtVLAsEvGt3fVYNhh52ptrbf7ZW5kCWiV9GEaumRk45h-By0rvpOCQd1z-OdEhPHb77PXfvHnswTNX5Mr1NhR1CtGbQIh7NbidEbTVhCc5nxov1LHZDSRyKbEviCIGJ9KBpWxUEVh5fYSCtBmgRxkaeTym_e",
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		// The CLI output broken with shell continuations, as the article printed it.
		source: 'https://arpadt.com/articles/decode-encoded-error-message',
		input:
			'An error occurred (UnauthorizedOperation) when calling the AuthorizeSecurityGroupIngress\\\n operation: You are not authorized to perform this operation. Encoded authorization\\\n  failure message: <ENCODED MESSAGE>',
		expected: { category: 'access-denied', code: 'UnauthorizedOperation' },
	},
	{
		source:
			'constructed: the shape issue 17 reports from its held-back corpus ("… to perform (sts:DecodeAuthorizationMessage) action"); no public thread with it was found',
		input:
			'An error occurred (AccessDenied) when calling the DecodeAuthorizationMessage operation: User: arn:aws:sts::[account id]:assumed-role/Developer/ana is not authorized to perform (sts:DecodeAuthorizationMessage) action',
		expected: {
			category: 'access-denied',
			code: 'AccessDenied',
			principal: 'arn:aws:sts::[account id]:assumed-role/Developer/ana',
			action: 'sts:DecodeAuthorizationMessage',
		},
	},
];
