/**
 * What the team board and the tournament results need of the network: loaded with the data layer's SDK chunk
 * once a player is signed in, never before.
 */
export { createGameData } from './data';
export { loadResults, publishResults, resultsFrom } from './results';
export { loadTeamBoard, postToTeamBoard } from './team-board';
