import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/lib/iam';
import { explainDenial } from '../../../src/lib/inspector/explain-denial';

const BUCKET = 'arn:aws:s3:::fedplay-game-data';
const policy = parsePolicy(
	{
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'TeamBoard',
				Effect: 'Allow',
				Action: ['s3:GetObject', 's3:PutObject'],
				Resource: `${BUCKET}/teams/\${aws:PrincipalTag/team}/board.json`,
			},
		],
	},
	'FedplayGameData',
	'identity-based',
);

const request = (context: Record<string, string>) => ({
	principal: 'arn:aws:sts::123456789012:assumed-role/fedplay-player/fedplay-alice',
	action: 's3:GetObject',
	resource: `${BUCKET}/teams/blue/board.json`,
	context,
});

describe('a denial that turns on a session tag names the tag', () => {
	it('red reading blue’s board: the team tag decided', () => {
		const explained = explainDenial(request({ 'aws:PrincipalTag/team': 'red' }), {
			identity: [policy],
		});
		expect(explained.decision.decision).toBe('deny');
		expect(explained.text).toContain('your session tag team is red (aws:PrincipalTag/team)');
		expect(explained.text).toContain(`[${BUCKET}/teams/red/board.json]`);
		expect(explained.hint).toMatch(/identity provider/);
	});

	it('a session without tags: the variable matches nothing', () => {
		const explained = explainDenial(request({}), { identity: [policy] });
		expect(explained.text).toContain('your session has no team tag');
		expect(explained.text).toContain('nothing for this session');
	});

	it('a condition on a tag says so', () => {
		const trust = parsePolicy(
			{
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Action: 's3:GetObject',
						Resource: '*',
						Condition: { StringEquals: { 'aws:PrincipalTag/role': 'organizer' } },
					},
				],
			},
			'Organizers',
			'identity-based',
		);
		const explained = explainDenial(request({ 'aws:PrincipalTag/team': 'red' }), {
			identity: [trust],
		});
		expect(explained.text).toContain('This turns on a session tag: your session has no role tag');
		expect(explained.hint).toMatch(/\[organizer\]/);
	});
});
