import { WORLD_HEIGHT, WORLD_WIDTH } from './rules';

/** How the fixed world sits on a screen: uniformly scaled to fit, centred, in CSS pixels. */
export interface Viewport {
	width: number;
	height: number;
	scale: number;
	offsetX: number;
	offsetY: number;
}

/** Fits the world into a `width` × `height` CSS-pixel box without distorting it. */
export function fitWorld(width: number, height: number): Viewport {
	const scale = Math.max(0.01, Math.min(width / WORLD_WIDTH, height / WORLD_HEIGHT));
	return {
		width,
		height,
		scale,
		offsetX: (width - WORLD_WIDTH * scale) / 2,
		offsetY: (height - WORLD_HEIGHT * scale) / 2,
	};
}

/** The world x under a pointer at `cssX` pixels from the canvas's left edge, clamped to the world. */
export function toWorldX(view: Viewport, cssX: number): number {
	return Math.max(0, Math.min(WORLD_WIDTH, (cssX - view.offsetX) / view.scale));
}
