"""Per-dimension weights on USE-lite's question vectors, fitted to put the gold sentence first.

Reads what `npx tsx bench/dense-weights-check.ts --dump FILE` writes. For each of the 3 folds by article (as `npm run
eval` folds), fits weights w (and a temperature) on the other folds' answerable questions: the softmax over each
question's candidates of cos(q * w, s), with a ridge pulling w towards 1, by L-BFGS. Prints the held-out gold-first
rate among the candidates by the weighted and the plain cosine, for XQuAD and the development sets, and writes every
instance's weighted cosines (each from the weights of the folds it was not fitted on) for `--features`.
Needs numpy and scipy (a bench, not a dependency of Footnote).

    python3 bench/dense-weights-check.py VECTORS.json RIDGE OUT.json
"""
import json
import sys

import numpy as np
from scipy.optimize import minimize

data = json.load(open(sys.argv[1]))
ridge = float(sys.argv[2])
unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)
S = unit(np.array(data['sentences'], dtype=np.float64))
Q = unit(np.array(data['qvec'], dtype=np.float64))
qid = {q: i for i, q in enumerate(data['questions'])}
DIM = S.shape[1]


def fold(group):
    return (int(group[6:]) if group.startswith('xquad-') else data['devSets'].index(group)) % 3


answerable = [r for r in data['rows'] if r['kind'] in ('paraphrase', 'plain') and sum(r['gold']) > 0]
pack = lambda rows: [(Q[qid[r['q']]], S[r['cands']], np.array(r['gold'], float)) for r in rows]


def loss(theta, train):
    w, tau = theta[:DIM], theta[DIM]
    total, grad_w, grad_tau = 0.0, np.zeros(DIM), 0.0
    for q, P, gold in train:
        s = P @ (q * w)
        z = tau * s
        p = np.exp(z - z.max())
        p /= p.sum()
        target = gold / gold.sum()
        total -= (target * np.log(p + 1e-12)).sum()
        dz = p - target
        grad_w += tau * (dz @ P) * q
        grad_tau += (dz * s).sum()
    total += ridge * ((w - 1) ** 2).sum()
    grad_w += 2 * ridge * (w - 1)
    return total / len(train), np.concatenate([grad_w, [grad_tau]]) / len(train)


first = lambda rows, score: np.mean([gold[np.argmax(score(q, P))] > 0 for q, P, gold in rows]) if rows else 0.0
out = [None] * len(data['rows'])
tally = {key: [0.0, 0] for key in ('XQuAD weighted', 'XQuAD plain', 'development weighted', 'development plain')}
for k in range(3):
    train = pack([r for r in answerable if fold(r['group']) != k])
    fit = minimize(loss, np.concatenate([np.ones(DIM), [10.0]]), args=(train,), jac=True, method='L-BFGS-B', options={'maxiter': 300})
    w = fit.x[:DIM]
    weighted = lambda q, P: P @ (q * w)
    plain = lambda q, P: P @ q
    for label, is_xquad in (('XQuAD', True), ('development', False)):
        test = pack([r for r in answerable if fold(r['group']) == k and (r['set'] == 'xquad') == is_xquad])
        for name, score in (('weighted', weighted), ('plain', plain)):
            tally[f'{label} {name}'][0] += first(test, score) * len(test)
            tally[f'{label} {name}'][1] += len(test)
    print(f'fold {k}: {fit.nit} iterations, weights {w.min():.2f}..{w.max():.2f}, temperature {fit.x[DIM]:.1f}')
    for i, row in enumerate(data['rows']):
        if fold(row['group']) == k:
            q = Q[qid[row['q']]] * w
            out[i] = [round(float(x), 6) for x in S[row['cands']] @ (q / np.linalg.norm(q))]
for key, (hits, n) in tally.items():
    print(f'{key}: gold first among the candidates {hits / n:.3f} ({n} questions)')
json.dump(out, open(sys.argv[3], 'w'))
