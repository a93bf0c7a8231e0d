/**
 * One palette for every sprite: the app's dark arcade theme (src/app.css: --bg, --bg-glow, --text, --muted,
 * --accent, --accent-2) with bright, distinct shapes, so no sprite is told apart by colour alone.
 */
export const palette = {
	skyTop: '#0b0d18',
	skyBottom: '#1b1440',
	field: 'rgba(148, 163, 255, 0.05)',
	fieldEdge: 'rgba(148, 163, 255, 0.18)',
	star: '#e0e7ff',
	cloud: 'rgba(165, 180, 252, 0.05)',
	text: '#eef1ff',
	muted: '#b3bbdf',
	ship: '#6ee7f9',
	shipDark: '#0e7490',
	cockpit: '#e0f2fe',
	flame: '#fb923c',
	key: '#ffd166',
	tokenBody: '#1e1b4b',
	tokenEdge: '#c4b5fd',
	// The three parts of a JWT, in the colours jwt.io uses for header, payload and signature.
	jwt: ['#fb015b', '#d63aff', '#00b9f1'],
	expired: '#64748b',
	expiredMark: '#f87171',
	denied: '#dc2626',
	deniedEdge: '#fecaca',
	shield: '#34d399',
	heart: '#fb7185',
} as const;
