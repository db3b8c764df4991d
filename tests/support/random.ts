/** The project's seeded generator (mulberry32), for generated test data. */
export { rng } from '../../src/random.js';
