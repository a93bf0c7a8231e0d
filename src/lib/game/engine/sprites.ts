import { palette } from './palette';
import { PLAYER_HEIGHT, PLAYER_WIDTH } from './rules';
import type { Entity } from './types';

type Ctx = CanvasRenderingContext2D;

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
	ctx.beginPath();
	ctx.roundRect(x, y, w, h, r);
}

function drawKey(ctx: Ctx): void {
	ctx.strokeStyle = palette.key;
	ctx.lineWidth = 4;
	ctx.lineCap = 'round';
	ctx.beginPath();
	ctx.arc(-6, 0, 6.5, 0, Math.PI * 2);
	ctx.moveTo(0.5, 0);
	ctx.lineTo(13, 0);
	ctx.moveTo(8, 0);
	ctx.lineTo(8, 5);
	ctx.moveTo(12.5, 0);
	ctx.lineTo(12.5, 6);
	ctx.stroke();
}

function drawToken(ctx: Ctx, e: Entity): void {
	roundRect(ctx, -e.w / 2, -e.h / 2, e.w, e.h, 7);
	ctx.fillStyle = palette.tokenBody;
	ctx.fill();
	ctx.strokeStyle = palette.tokenEdge;
	ctx.lineWidth = 2;
	ctx.stroke();
	palette.jwt.forEach((colour, i) => {
		ctx.fillStyle = colour;
		ctx.fillRect(-14 + i * 10, -3, 8, 6);
	});
}

function drawExpired(ctx: Ctx, e: Entity): void {
	const r = e.w / 2;
	ctx.beginPath();
	ctx.arc(0, 0, r - 1.5, 0, Math.PI * 2);
	ctx.fillStyle = palette.expired;
	ctx.fill();
	ctx.strokeStyle = palette.expiredMark;
	ctx.lineWidth = 3;
	ctx.stroke();
	// A clock past its time, struck through: an expired credential.
	ctx.strokeStyle = palette.text;
	ctx.lineWidth = 2.5;
	ctx.lineCap = 'round';
	ctx.beginPath();
	ctx.moveTo(0, 0);
	ctx.lineTo(0, -r * 0.55);
	ctx.moveTo(0, 0);
	ctx.lineTo(r * 0.4, r * 0.2);
	ctx.stroke();
	ctx.strokeStyle = palette.expiredMark;
	ctx.lineWidth = 3;
	ctx.beginPath();
	ctx.moveTo(-r * 0.7, r * 0.7);
	ctx.lineTo(r * 0.7, -r * 0.7);
	ctx.stroke();
}

function drawDenied(ctx: Ctx, e: Entity): void {
	roundRect(ctx, -e.w / 2, -e.h / 2, e.w, e.h, 5);
	ctx.fillStyle = palette.denied;
	ctx.fill();
	ctx.strokeStyle = palette.deniedEdge;
	ctx.lineWidth = 2;
	ctx.stroke();
	ctx.fillStyle = '#fff';
	ctx.font = '700 16px system-ui, sans-serif';
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillText('403', 0, 1);
}

function drawRefresh(ctx: Ctx, e: Entity, pulse: number): void {
	const r = e.w / 2;
	ctx.beginPath();
	ctx.arc(0, 0, r - 1, 0, Math.PI * 2);
	ctx.fillStyle = `rgba(52, 211, 153, ${0.2 + 0.15 * pulse})`;
	ctx.fill();
	// A circular arrow (the "refresh" glyph): an open arc with a filled head at its end.
	const radius = r * 0.5;
	const end = Math.PI * 1.75;
	ctx.strokeStyle = palette.shield;
	ctx.lineWidth = 3;
	ctx.beginPath();
	ctx.arc(0, 0, radius, Math.PI * 0.15, end);
	ctx.stroke();
	const [cx, cy] = [Math.cos(end) * radius, Math.sin(end) * radius];
	const [tx, ty] = [-Math.sin(end), Math.cos(end)];
	ctx.fillStyle = palette.shield;
	ctx.beginPath();
	ctx.moveTo(cx + tx * 6, cy + ty * 6);
	ctx.lineTo(cx - ty * 5, cy + tx * 5);
	ctx.lineTo(cx + ty * 5, cy - tx * 5);
	ctx.fill();
}

/**
 * Draws one falling entity at its position. `t` is simulated time, so the gentle wobble is part of the
 * replay; `calm` (reduced motion) keeps every sprite still.
 */
export function drawEntity(ctx: Ctx, e: Entity, t: number, calm: boolean): void {
	const wobble = calm ? 0 : Math.sin(t * 3 + e.id);
	ctx.save();
	ctx.translate(e.x, e.y);
	if (e.kind === 'key') {
		ctx.rotate(wobble * 0.35);
		ctx.scale(1.15, 1.15);
		drawKey(ctx);
	} else if (e.kind === 'token') drawToken(ctx, e);
	else if (e.kind === 'expired') drawExpired(ctx, e);
	else if (e.kind === 'denied') drawDenied(ctx, e);
	else drawRefresh(ctx, e, (wobble + 1) / 2);
	ctx.restore();
}

/** The ship: a hull, a cockpit, a thruster flame; a bubble while shielded; dimmed during grace. */
export function drawShip(
	ctx: Ctx,
	x: number,
	y: number,
	opts: { shield: number; invulnerable: number; t: number; calm: boolean },
): void {
	const { shield, invulnerable, t, calm } = opts;
	ctx.save();
	ctx.translate(x, y);
	if (invulnerable > 0) ctx.globalAlpha = calm || Math.floor(t * 10) % 2 === 0 ? 0.45 : 0.9;
	const w = PLAYER_WIDTH;
	const h = PLAYER_HEIGHT;
	const flame = calm ? 1 : 0.8 + 0.4 * Math.abs(Math.sin(t * 40));
	ctx.fillStyle = palette.flame;
	ctx.beginPath();
	ctx.moveTo(-8, h / 2 - 2);
	ctx.lineTo(0, h / 2 + 12 * flame);
	ctx.lineTo(8, h / 2 - 2);
	ctx.fill();
	ctx.beginPath();
	ctx.arc(0, -h / 2 + 4, 11, Math.PI, 0);
	ctx.fillStyle = palette.cockpit;
	ctx.fill();
	ctx.beginPath();
	ctx.moveTo(-w / 2, h / 2 - 4);
	ctx.lineTo(-w / 2 + 10, -h / 2 + 4);
	ctx.lineTo(w / 2 - 10, -h / 2 + 4);
	ctx.lineTo(w / 2, h / 2 - 4);
	ctx.quadraticCurveTo(0, h / 2 + 6, -w / 2, h / 2 - 4);
	ctx.fillStyle = palette.ship;
	ctx.fill();
	ctx.strokeStyle = palette.shipDark;
	ctx.lineWidth = 2;
	ctx.stroke();
	ctx.globalAlpha = 1;
	if (shield > 0) {
		// Fades over the last two seconds so the player sees it running out.
		ctx.globalAlpha = Math.min(1, shield / 2) * 0.85;
		ctx.strokeStyle = palette.shield;
		ctx.lineWidth = 3;
		ctx.beginPath();
		ctx.ellipse(0, -2, w / 2 + 10, h + 8, 0, 0, Math.PI * 2);
		ctx.stroke();
		ctx.fillStyle = 'rgba(52, 211, 153, 0.12)';
		ctx.fill();
	}
	ctx.restore();
}
