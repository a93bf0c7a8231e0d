import { palette } from './palette';
import type { GameEvent } from './types';

interface Particle {
	x: number;
	y: number;
	vx: number;
	vy: number;
	life: number;
	colour: string;
}

interface Label {
	x: number;
	y: number;
	text: string;
	colour: string;
	life: number;
}

const LABEL_SECONDS = 0.9;
const COLOURS = {
	key: palette.key,
	token: palette.tokenEdge,
	expired: palette.expiredMark,
	denied: palette.denied,
};

/**
 * Decoration that follows events: sparks, a short screen shake on a hit, and floating "+points".
 * Visual only (it may use Math.random); with `calm` (reduced motion) there are no sparks or shake,
 * and labels fade in place instead of rising.
 */
export class Effects {
	#particles: Particle[] = [];
	#labels: Label[] = [];
	#shake = 0;
	readonly #calm: boolean;

	constructor(calm: boolean) {
		this.#calm = calm;
	}

	add(events: readonly GameEvent[]): void {
		for (const e of events) {
			if (e.type === 'caught') {
				this.#label(e.x, e.y, `+${e.points}`, COLOURS[e.kind]);
				this.#burst(e.x, e.y, COLOURS[e.kind], 10);
			} else if (e.type === 'shield') {
				this.#label(e.x, e.y, 'refreshed', palette.shield);
				this.#burst(e.x, e.y, palette.shield, 14);
			} else if (e.type === 'hit') {
				this.#label(e.x, e.y, e.shielded ? 'blocked' : e.kind, COLOURS[e.kind]);
				this.#burst(e.x, e.y, COLOURS[e.kind], 18);
				if (!this.#calm && !e.shielded) this.#shake = 0.3;
			}
		}
	}

	#label(x: number, y: number, text: string, colour: string): void {
		this.#labels.push({ x, y, text, colour, life: LABEL_SECONDS });
	}

	#burst(x: number, y: number, colour: string, count: number): void {
		if (this.#calm) return;
		for (let i = 0; i < count; i++) {
			const angle = Math.random() * Math.PI * 2;
			const speed = 60 + Math.random() * 160;
			const vx = Math.cos(angle) * speed;
			const vy = Math.sin(angle) * speed;
			this.#particles.push({ x, y, vx, vy, life: 0.4 + Math.random() * 0.4, colour });
		}
	}

	/** Ages everything by `seconds` (0 while paused, so effects freeze with the game). */
	update(seconds: number): void {
		for (const p of this.#particles) {
			p.x += p.vx * seconds;
			p.y += p.vy * seconds;
			p.vy += 300 * seconds;
			p.life -= seconds;
		}
		this.#particles = this.#particles.filter((p) => p.life > 0);
		for (const l of this.#labels) {
			l.life -= seconds;
			if (!this.#calm) l.y -= 40 * seconds;
		}
		this.#labels = this.#labels.filter((l) => l.life > 0);
		this.#shake = Math.max(0, this.#shake - seconds);
	}

	/** A small offset for the whole field while a hit is fresh. */
	get shakeOffset(): [number, number] {
		if (this.#shake === 0) return [0, 0];
		const amount = this.#shake * 24;
		return [(Math.random() - 0.5) * amount, (Math.random() - 0.5) * amount];
	}

	clear(): void {
		this.#particles = [];
		this.#labels = [];
		this.#shake = 0;
	}

	draw(ctx: CanvasRenderingContext2D): void {
		for (const p of this.#particles) {
			ctx.globalAlpha = Math.min(1, p.life * 2.5);
			ctx.fillStyle = p.colour;
			ctx.fillRect(p.x - 2, p.y - 2, 4, 4);
		}
		ctx.font = '700 16px system-ui, sans-serif';
		ctx.textAlign = 'center';
		ctx.textBaseline = 'middle';
		for (const l of this.#labels) {
			ctx.globalAlpha = Math.min(1, (l.life / LABEL_SECONDS) * 1.5);
			ctx.fillStyle = l.colour;
			ctx.fillText(l.text, l.x, l.y - 18);
		}
		ctx.globalAlpha = 1;
	}
}
