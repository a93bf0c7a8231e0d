import { nextRandom } from './rng';
import { palette } from './palette';
import { WORLD_HEIGHT, WORLD_WIDTH } from './rules';

interface Dot {
	x: number;
	y: number;
	r: number;
	depth: number;
}

// The sky is the same on every visit: drawn from a fixed seed, not from Math.random.
function scatter(count: number, seed: number): Dot[] {
	const dots: Dot[] = [];
	let rng = seed;
	const draw = (): number => {
		const [value, next] = nextRandom(rng);
		rng = next;
		return value;
	};
	for (let i = 0; i < count; i++) {
		dots.push({
			x: draw() * WORLD_WIDTH,
			y: draw() * WORLD_HEIGHT,
			r: 0.5 + draw(),
			depth: draw(),
		});
	}
	return dots;
}

const STARS = scatter(70, 7);
const CLOUDS = scatter(6, 11);

/**
 * The sky behind the play field: stars and soft clouds drifting down as the ship climbs. `drift` is
 * seconds of flight; reduced motion passes a constant so nothing moves. Without `clouds` it draws only
 * stars, for the margins beside the field on wide screens.
 */
export function drawBackdrop(ctx: CanvasRenderingContext2D, drift: number, clouds = true): void {
	for (const s of STARS) {
		const y = (s.y + drift * (6 + s.depth * 14)) % WORLD_HEIGHT;
		ctx.globalAlpha = 0.25 + s.depth * 0.5;
		ctx.fillStyle = palette.star;
		ctx.fillRect(s.x, y, s.r, s.r);
	}
	ctx.globalAlpha = 1;
	if (!clouds) return;
	ctx.fillStyle = palette.cloud;
	for (const c of CLOUDS) {
		const span = WORLD_HEIGHT + 160;
		const y = ((c.y + drift * (18 + c.depth * 18)) % span) - 80;
		const size = 40 + c.r * 30;
		ctx.beginPath();
		ctx.ellipse(c.x, y, size * 1.6, size * 0.5, 0, 0, Math.PI * 2);
		ctx.ellipse(c.x + size * 0.5, y - size * 0.3, size * 0.8, size * 0.45, 0, 0, Math.PI * 2);
		ctx.fill();
	}
}
