import type { CorpusEntry } from './corpus';

/**
 * Decoded authorization messages (sts:DecodeAuthorizationMessage) as people paste them: raw JSON, jq output, and the CLI output with the JSON escaped in "DecodedMessage".
 * Each `source` is where the text was published (thread, page, or repository and path); the five fields a
 * message does not state are left out of `expected`, which means they must come out `null`.
 */
export const decodedMessages: CorpusEntry[] = [
	{
		// The decoded message as `jq` pretty-printed it; the corpus keeps it up to the condition list.
		source: 'https://github.com/vmware-archive/terraforming-aws/pull/73',
		input:
			'{\n  "allowed": false,\n  "explicitDeny": false,\n  "matchedStatements": {\n    "items": []\n  },\n  "failures": {\n    "items": []\n  },\n  "context": {\n    "principal": {\n      "id": "<REMOVED>",\n      "name": "develop_om_user",\n      "arn": "arn:aws:iam::<REMOVED>:user/develop_om_user"\n    },\n    "action": "iam:PassRole",\n    "resource": "arn:aws:iam::<REMOVED>:role/develop_pks-master",\n    "conditions": {\n      "items": [',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::<REMOVED>:user/develop_om_user',
			action: 'iam:PassRole',
			resource: 'arn:aws:iam::<REMOVED>:role/develop_pks-master',
			denyKind: 'implicit',
		},
	},
	{
		source: 'https://github.com/aws/karpenter-provider-aws/issues/1488',
		input:
			'{\n    "allowed": false,\n    "explicitDeny": false,\n    "matchedStatements": {\n        "items": []\n    },\n    "failures": {\n        "items": []\n    },\n    "context": {\n        "principal": {\n            "id": "**:***",\n            "arn": "arn:aws:sts::**:assumed-role/karpenter-controller-****/***"\n        },\n        "action": "ec2:RunInstances",\n        "resource": "arn:aws:ec2:us-east-1:******:launch-template/lt-0638ed6a3b7addbf5",\n        "conditions": {\n            "items": [{\n                    "key": "******:karpenter.sh/discovery/****",\n                    "values": {\n                        "items": [{\n                            "value": "****"\n                        }]\n                    }\n                },',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::**:assumed-role/karpenter-controller-****/***',
			action: 'ec2:RunInstances',
			resource: 'arn:aws:ec2:us-east-1:******:launch-template/lt-0638ed6a3b7addbf5',
			denyKind: 'implicit',
		},
	},
	{
		source:
			'https://github.com/aws/aws-cli/blob/develop/awscli/examples/sts/decode-authorization-message.rst',
		input: String.raw`{
    "DecodedMessage": "{\"allowed\":false,\"explicitDeny\":true,\"matchedStatements\":{\"items\":[{\"statementId\":\"VisualEditor0\",\"effect\":\"DENY\",\"principals\":{\"items\":[{\"value\":\"AROA123456789EXAMPLE\"}]},\"principalGroups\":{\"items\":[]},\"actions\":{\"items\":[{\"value\":\"ec2:RunInstances\"}]},\"resources\":{\"items\":[{\"value\":\"*\"}]},\"conditions\":{\"items\":[]}}]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AROA123456789EXAMPLE:Ana\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Developer/Ana\"},\"action\":\"RunInstances\",\"resource\":\"arn:aws:ec2:us-east-1:111122223333:instance/*\",\"conditions\":{\"items\":[{\"key\":\"ec2:MetadataHttpPutResponseHopLimit\",\"values\":{\"items\":[{\"value\":\"2\"}]}},{\"key\":\"ec2:InstanceMarketType\",\"values\":{\"items\":[{\"value\":\"on-demand\"}]}},{\"key\":\"aws:Resource\",\"values\":{\"items\":[{\"value\":\"instance/*\"}]}},{\"key\":\"aws:Account\",\"values\":{\"items\":[{\"value\":\"111122223333\"}]}},{\"key\":\"ec2:AvailabilityZone\",\"values\":{\"items\":[{\"value\":\"us-east-1f\"}]}},{\"key\":\"ec2:ebsOptimized\",\"values\":{\"items\":[{\"value\":\"false\"}]}},{\"key\":\"ec2:IsLaunchTemplateResource\",\"values\":{\"items\":[{\"value\":\"false\"}]}},{\"key\":\"ec2:InstanceType\",\"values\":{\"items\":[{\"value\":\"t2.micro\"}]}},{\"key\":\"ec2:RootDeviceType\",\"values\":{\"items\":[{\"value\":\"ebs\"}]}},{\"key\":\"aws:Region\",\"values\":{\"items\":[{\"value\":\"us-east-1\"}]}},{\"key\":\"ec2:MetadataHttpEndpoint\",\"values\":{\"items\":[{\"value\":\"enabled\"}]}},{\"key\":\"aws:Service\",\"values\":{\"items\":[{\"value\":\"ec2\"}]}},{\"key\":\"ec2:InstanceID\",\"values\":{\"items\":[{\"value\":\"*\"}]}},{\"key\":\"ec2:MetadataHttpTokens\",\"values\":{\"items\":[{\"value\":\"required\"}]}},{\"key\":\"aws:Type\",\"values\":{\"items\":[{\"value\":\"instance\"}]}},{\"key\":\"ec2:Tenancy\",\"values\":{\"items\":[{\"value\":\"default\"}]}},{\"key\":\"ec2:Region\",\"values\":{\"items\":[{\"value\":\"us-east-1\"}]}},{\"key\":\"aws:ARN\",\"values\":{\"items\":[{\"value\":\"arn:aws:ec2:us-east-1:111122223333:instance/*\"}]}}]}}}"
}`,
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::111122223333:assumed-role/Developer/Ana',
			action: 'ec2:RunInstances',
			resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
			denyKind: 'explicit',
		},
	},
	{
		// The blog wrapped the CLI's one-line JSON over several lines, inside the escaped string.
		source: 'http://cloudway.io/post/decode-authorization-message/',
		input: String.raw`{
    "DecodedMessage": "{\"allowed\":false,\"explicitDeny\":false,
    \"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},
    \"context\":{\"principal\":{\"id\":\"APOZIAANAVSK6I6FK2RQI:i-66c78ee7\",
    \"arn\":\"arn:aws:sts::<aws-account-id>:assumed-role/my-role-ec2/i-123456e7\"},
    \"action\":\"iam:PassRole\",\"resource\":\"arn:aws:iam::<aws-account-id>:role/my-role-ec2\",
    \"conditions\":{\"items\":[]}}}"
}`,
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:sts::<aws-account-id>:assumed-role/my-role-ec2/i-123456e7',
			action: 'iam:PassRole',
			resource: 'arn:aws:iam::<aws-account-id>:role/my-role-ec2',
			denyKind: 'implicit',
		},
	},
	{
		// jq's output of DecodedMessage, as the article shows it up to the condition list.
		source: 'https://arpadt.com/articles/decode-encoded-error-message',
		input:
			'{\n  "allowed": false,\n  "explicitDeny": false,\n  "matchedStatements": {\n    "items": []\n  },\n  "failures": {\n    "items": []\n  },\n  "context": {\n    "principal": {\n        "id": "AIDAXXXXXXXXXXXXXXXXX",\n        "name": "my-user-name",\n        "arn": "arn:aws:iam::123456789012:user/my-user-name"\n    },\n    "action": "ec2:AuthorizeSecurityGroupIngress",\n    "resource": "arn:aws:ec2:us-west-2:123456789012:security-group/sg-0123456789abcdefg",\n    "conditions": {',
		expected: {
			category: 'access-denied',
			principal: 'arn:aws:iam::123456789012:user/my-user-name',
			action: 'ec2:AuthorizeSecurityGroupIngress',
			resource: 'arn:aws:ec2:us-west-2:123456789012:security-group/sg-0123456789abcdefg',
			denyKind: 'implicit',
		},
	},
];
