import { palette } from './palette';
import { SHIELD_SECONDS, WORLD_WIDTH, level, multiplier } from './rules';
import type { GameState } from './types';

type Ctx = CanvasRenderingContext2D;

function heart(ctx: Ctx, x: number, y: number, full: boolean): void {
	ctx.save();
	ctx.translate(x, y);
	ctx.beginPath();
	ctx.moveTo(0, 7);
	ctx.bezierCurveTo(-12, -1, -7, -10, 0, -4);
	ctx.bezierCurveTo(7, -10, 12, -1, 0, 7);
	ctx.closePath();
	if (full) {
		ctx.fillStyle = palette.heart;
		ctx.fill();
	} else {
		ctx.strokeStyle = palette.muted;
		ctx.lineWidth = 1.5;
		ctx.stroke();
	}
	ctx.restore();
}

function text(ctx: Ctx, value: string, x: number, y: number, font: string, colour: string): void {
	ctx.font = font;
	ctx.fillStyle = colour;
	ctx.fillText(value, x, y);
}

/** Score, combo multiplier, lives, level and shield time, drawn over the top of the field. */
export function drawHud(ctx: Ctx, s: GameState, maxLives: number): void {
	ctx.textBaseline = 'alphabetic';
	ctx.textAlign = 'left';
	text(ctx, 'SCORE', 16, 24, '600 11px system-ui, sans-serif', palette.muted);
	text(ctx, String(s.score), 16, 52, '800 28px system-ui, sans-serif', palette.text);
	const times = multiplier(s.combo);
	if (times > 1) {
		ctx.textAlign = 'center';
		text(ctx, `×${times}`, WORLD_WIDTH / 2, 44, '800 26px system-ui, sans-serif', palette.key);
		text(
			ctx,
			`combo ${s.combo}`,
			WORLD_WIDTH / 2,
			60,
			'600 11px system-ui, sans-serif',
			palette.muted,
		);
	}
	for (let i = 0; i < maxLives; i++) heart(ctx, WORLD_WIDTH - 24 - i * 26, 22, i < s.lives);
	ctx.textAlign = 'right';
	text(
		ctx,
		`LEVEL ${level(s.time)}`,
		WORLD_WIDTH - 14,
		52,
		'600 11px system-ui, sans-serif',
		palette.muted,
	);
	if (s.player.shield > 0) {
		const width = 70 * (s.player.shield / SHIELD_SECONDS);
		ctx.fillStyle = palette.shield;
		ctx.fillRect(WORLD_WIDTH - 14 - width, 60, width, 4);
	}
}
