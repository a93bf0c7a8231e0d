import { drawBackdrop } from './backdrop';
import { Effects } from './effects';
import { drawHud } from './hud';
import { palette } from './palette';
import { PLAYER_Y, WORLD_HEIGHT, WORLD_WIDTH } from './rules';
import { drawEntity, drawShip } from './sprites';
import type { GameEvent, GameState } from './types';
import { fitWorld, type Viewport } from './viewport';

interface RendererOptions {
	/** prefers-reduced-motion: no shake, sparks or drifting sky; same gameplay. */
	calm: boolean;
	maxLives: number;
}

export interface Renderer {
	/** Matches the backing store to the element's CSS size × devicePixelRatio, so lines stay crisp. */
	resize(cssWidth: number, cssHeight: number, dpr: number): void;
	/** Draws `state` after a frame of `seconds` in which `events` happened. */
	draw(state: GameState, events: readonly GameEvent[], seconds: number): void;
	readonly viewport: Viewport;
}

/** A canvas renderer that only reads game state; everything it keeps for itself is decoration. */
export function createRenderer(canvas: HTMLCanvasElement, options: RendererOptions): Renderer {
	const ctx = canvas.getContext('2d', { alpha: false });
	if (!ctx) throw new Error('Canvas 2D is not available');
	const effects = new Effects(options.calm);
	let view = fitWorld(WORLD_WIDTH, WORLD_HEIGHT);
	let dpr = 1;
	let drift = 0;
	let lastTime = 0;

	function resize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
		dpr = pixelRatio;
		view = fitWorld(cssWidth, cssHeight);
		// Setting a canvas's size, even to the same value, drops and reallocates its bitmap: only on a change.
		const width = Math.max(1, Math.round(cssWidth * dpr));
		const height = Math.max(1, Math.round(cssHeight * dpr));
		if (canvas.width !== width) canvas.width = width;
		if (canvas.height !== height) canvas.height = height;
	}

	function drawField(state: GameState): void {
		ctx!.fillStyle = palette.field;
		ctx!.fillRect(0, 0, WORLD_WIDTH, WORLD_HEIGHT);
		drawBackdrop(ctx!, drift);
		const glow = ctx!.createLinearGradient(0, PLAYER_Y - 40, 0, WORLD_HEIGHT);
		glow.addColorStop(0, 'rgba(110, 231, 249, 0)');
		glow.addColorStop(1, 'rgba(110, 231, 249, 0.1)');
		ctx!.fillStyle = glow;
		ctx!.fillRect(0, PLAYER_Y - 40, WORLD_WIDTH, WORLD_HEIGHT);
		for (const e of state.entities) drawEntity(ctx!, e, state.time, options.calm);
		const { x, shield, invulnerable } = state.player;
		drawShip(ctx!, x, PLAYER_Y, { shield, invulnerable, t: state.time, calm: options.calm });
		effects.draw(ctx!);
		drawHud(ctx!, state, options.maxLives);
	}

	// On a wide screen the stars carry on beside the field, one world-width tile at a time.
	function drawMargins(): void {
		const tiles = Math.ceil(view.offsetX / view.scale / WORLD_WIDTH);
		for (let k = -tiles; k <= tiles; k++) {
			if (k === 0) continue;
			ctx!.save();
			ctx!.translate(k * WORLD_WIDTH, 0);
			drawBackdrop(ctx!, drift, false);
			ctx!.restore();
		}
	}

	function draw(state: GameState, events: readonly GameEvent[], seconds: number): void {
		if (state.time < lastTime) effects.clear();
		lastTime = state.time;
		const running = state.phase === 'playing';
		if (running && !options.calm) drift += seconds;
		effects.add(events);
		effects.update(running ? seconds : 0);
		const c = ctx!;
		c.setTransform(dpr, 0, 0, dpr, 0, 0);
		const sky = c.createLinearGradient(0, 0, 0, view.height);
		sky.addColorStop(0, palette.skyTop);
		sky.addColorStop(1, palette.skyBottom);
		c.fillStyle = sky;
		c.fillRect(0, 0, view.width, view.height);
		const [dx, dy] = effects.shakeOffset;
		c.translate(view.offsetX + dx, view.offsetY + dy);
		c.scale(view.scale, view.scale);
		drawMargins();
		c.save();
		c.beginPath();
		c.rect(0, 0, WORLD_WIDTH, WORLD_HEIGHT);
		c.clip();
		drawField(state);
		c.restore();
		c.strokeStyle = palette.fieldEdge;
		c.lineWidth = 1 / view.scale;
		c.strokeRect(0, 0, WORLD_WIDTH, WORLD_HEIGHT);
	}

	return {
		resize,
		draw,
		get viewport() {
			return view;
		},
	};
}
