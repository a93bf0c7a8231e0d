/**
 * The isolation checks shared by the data-layout suites: one signed-in player tries another's data through
 * plain SDK clients with their credentials — S3 GetObject, PutObject and ListObjectsV2 on their folder; DynamoDB GetItem, Query,
 * PutItem, BatchGetItem and BatchWriteItem on their partition — and every call must be denied. Each player
 * first writes a profile, a save and a run of their own, so there is something to reach.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import {
	BatchGetCommand,
	BatchWriteCommand,
	GetCommand,
	PutCommand,
	QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { profileKey, saveProfile, type Profile } from '../../src/lib/game/profile';
import { saveGame } from '../../src/lib/game/saves';
import { GAME_TITLE, recordRun } from '../../src/lib/game/scores';
import { playerPartition, playerPrefix } from '../../src/lib/config/data-layout';
import { failureOf, type Player } from './game-fixture';

function profile(displayName: string): Profile {
	return { version: 1, displayName, avatarColor: '#3a7bd5', preferences: {} };
}

/** A profile named `name`, one save and one won run of `name.length` points, written by `player`. */
export async function writeOwnData(player: Player, name: string): Promise<void> {
	await saveProfile(player.data, player.identity, profile(name), null);
	const save = { version: 1 as const, slot: 1 as const, savedAt: new Date().toISOString() };
	await saveGame(player.data, player.identity, { ...save, state: { who: name } }, null);
	await recordRun(player.data, player.identity, {
		runId: crypto.randomUUID(),
		score: name.length,
		playedAt: new Date().toISOString(),
		durationMs: 1,
		displayName: name,
		won: true,
	});
}

/** `caller` is denied S3 GetObject, PutObject and ListObjectsV2 on `owner`'s folder. */
export async function expectNoS3Access(caller: Player, owner: Player): Promise<void> {
	const { bucket: Bucket } = caller.data;
	const { s3 } = caller.sdk;
	const Key = profileKey(owner.identity);
	for (const call of [
		() => s3.send(new GetObjectCommand({ Bucket, Key })),
		() => s3.send(new PutObjectCommand({ Bucket, Key, Body: '{"pwned":true}' })),
		() => s3.send(new ListObjectsV2Command({ Bucket, Prefix: playerPrefix(owner.identity) })),
	]) {
		expect(await failureOf(call())).toMatchObject({
			name: 'AccessDenied',
			$metadata: { httpStatusCode: 403 },
		});
	}
}

/** `caller` is denied DynamoDB GetItem, Query, PutItem, BatchGetItem and BatchWriteItem on `owner`'s partition. */
export async function expectNoDynamoDbAccess(caller: Player, owner: Player): Promise<void> {
	const { table: TableName } = caller.data;
	const { ddb } = caller.sdk;
	const theirs = { UserId: playerPartition(owner.identity), GameTitle: GAME_TITLE };
	const mine = { UserId: playerPartition(caller.identity), GameTitle: GAME_TITLE };
	for (const call of [
		() => ddb.send(new GetCommand({ TableName, Key: theirs })),
		() =>
			ddb.send(
				new QueryCommand({
					TableName,
					KeyConditionExpression: 'UserId = :u',
					ExpressionAttributeValues: { ':u': theirs.UserId },
				}),
			),
		() => ddb.send(new PutCommand({ TableName, Item: { ...theirs, TopScore: 1 } })),
		() =>
			ddb.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [mine, theirs] } } })),
		() =>
			ddb.send(
				new BatchWriteCommand({
					RequestItems: { [TableName]: [{ PutRequest: { Item: { ...theirs, Wins: 9 } } }] },
				}),
			),
	]) {
		expect(await failureOf(call())).toMatchObject({
			name: 'AccessDeniedException',
			$metadata: { httpStatusCode: 400 },
		});
	}
}
