import { AwsError } from '../errors';

/**
 * The ARN syntax STS checks before anything else (`arn:partition:service:region:account:resource`, partition,
 * service and resource not empty); anything else is a `ValidationError` "`<value>` is invalid", AWS's words for
 * a malformed role ARN (recorded against AWS in LocalStack's STS snapshot tests).
 */
export function requireArn(value: string): void {
	if (!/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/s.test(value)) {
		throw new AwsError('ValidationError', 400, `${value} is invalid`);
	}
}
