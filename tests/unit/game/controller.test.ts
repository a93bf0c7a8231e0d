import { describe, expect, it } from 'vitest';
import { GameController } from '../../../src/lib/game/engine/controller';

function playUntilOver(game: GameController): void {
	for (let frame = 0; frame < 60 * 600 && game.state.phase === 'playing'; frame++)
		game.frame(1 / 60);
}

describe('GameController', () => {
	it('waits on the start screen until started', () => {
		const game = new GameController(5);
		game.frame(1);
		expect(game.state.phase).toBe('ready');
		expect(game.state.time).toBe(0);
		game.start();
		game.frame(0.2);
		expect(game.state.phase).toBe('playing');
		expect(game.state.time).toBeCloseTo(0.2);
	});

	it('holds time still while paused and lets the player go on', () => {
		const game = new GameController(5);
		game.start();
		game.input.press('left', 'ArrowLeft');
		game.frame(0.2);
		game.togglePause();
		const paused = game.state;
		game.frame(1);
		expect(game.state).toBe(paused);
		expect(game.input.input.left).toBe(false);
		game.start();
		expect(game.state.phase).toBe('playing');
	});

	it('runs a whole game to its end and restarts with the same seed', () => {
		const game = new GameController(8, { lives: 1 });
		game.start();
		playUntilOver(game);
		expect(game.state.phase).toBe('over');
		const finished = game.state;
		game.start();
		expect(game.state.phase).toBe('playing');
		expect(game.state.score).toBe(0);
		expect(game.state.seed).toBe(finished.seed);
	});
});
