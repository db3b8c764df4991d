/** The project's seeded generator, for generated benchmark data (benchmarks never import from tests/). */
export { rng } from '../src/random.js';
