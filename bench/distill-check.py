"""A map from USE-lite's vectors to all-MiniLM-L6-v2's, fitted on WordNet glosses, as a cosine for the answer model.

Reads the gloss vectors `npx tsx bench/distill-check.ts N FOLDER [DUMP]` writes (and MiniLM's own vectors of the
instances, `teacher.json`, when there) and the instances of `npx tsx
bench/dense-weights-check.ts --dump FILE`. Fits a ridge regression from one model's unit vectors to the other's
(closed form) and prints its R² on the glosses and the gold-first rate among each answerable question's candidates by
the mapped cosine, against the plain one. With `--mlp HIDDEN EPOCHS` it fits a one-hidden-layer network with the
ridge map as a skip connection instead (Adam, cosine loss) and prints the rate after each epoch. Writes every
instance's mapped cosines for `--features`. Needs numpy (a bench, not a dependency of Footnote).

    python3 bench/distill-check.py FOLDER VECTORS.json RIDGE OUT.json [--mlp 1024 8]
"""
import json
import os
import sys

import numpy as np

folder, vectors_file, ridge, out_file = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
mlp = sys.argv[sys.argv.index('--mlp') + 1:sys.argv.index('--mlp') + 3] if '--mlp' in sys.argv else None
unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)
U = unit(np.fromfile(os.path.join(folder, 'use-lite-int8.f32'), dtype=np.float32).reshape(-1, 512).astype(np.float64))
M = unit(np.fromfile(os.path.join(folder, 'all-minilm-l6-v2.f32'), dtype=np.float32).reshape(-1, 384).astype(np.float64))
data = json.load(open(vectors_file))
S = unit(np.array(data['sentences'], dtype=np.float64))
Q = unit(np.array(data['qvec'], dtype=np.float64))
qid = {q: i for i, q in enumerate(data['questions'])}
answerable = [r for r in data['rows'] if r['kind'] in ('paraphrase', 'plain') and sum(r['gold']) > 0]


def gold_first(embed):
    s, q = unit(embed(S)), unit(embed(Q))
    rate = {}
    for label, is_xquad in (('XQuAD', True), ('development', False)):
        rows = [r for r in answerable if (r['set'] == 'xquad') == is_xquad]
        rate[label] = np.mean([r['gold'][int(np.argmax(s[r['cands']] @ q[qid[r['q']]]))] > 0 for r in rows])
    return ', '.join(f'{label} {value:.3f}' for label, value in rate.items())


print(f'{len(U)} gloss texts; plain cosine, gold first among the candidates: {gold_first(lambda x: x)}')
teacher_file = os.path.join(folder, 'teacher.json')
if os.path.exists(teacher_file):
    teacher = json.load(open(teacher_file))
    plain_s, plain_q = S, Q
    S, Q = unit(np.array(teacher['sentences'])), unit(np.array(teacher['qvec']))
    print(f'all-MiniLM-L6-v2 itself: {gold_first(lambda x: x)}')
    S, Q = plain_s, plain_q
W = np.linalg.solve(U.T @ U + ridge * np.eye(512), U.T @ M)
r2 = 1 - ((U @ W - M) ** 2).sum() / ((M - M.mean(0)) ** 2).sum()
embed = lambda x: x @ W
print(f'ridge {ridge}: R² {r2:.3f} on the glosses; mapped cosine: {gold_first(embed)}')

if mlp:
    hidden, epochs = int(mlp[0]), int(mlp[1])
    rng = np.random.default_rng(0)
    W1, b1 = rng.normal(0, 1, (512, hidden)) / np.sqrt(512), np.zeros(hidden)
    W2, b2 = rng.normal(0, 1, (hidden, 384)) / np.sqrt(hidden), np.zeros(384)
    params = [W1, b1, W2, b2, W.copy()]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    net = lambda x: np.maximum(x @ params[0] + params[1], 0) @ params[2] + params[3] + x @ params[4]
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(len(U))
        loss = 0.0
        for i in range(0, len(U), 256):
            X, T = U[order[i:i + 256]], M[order[i:i + 256]]
            h = X @ params[0] + params[1]
            a = np.maximum(h, 0)
            y = a @ params[2] + params[3] + X @ params[4]
            norm = np.linalg.norm(y, axis=1, keepdims=True)
            yn = y / norm
            c = (yn * T).sum(1)
            loss += (1 - c).sum()
            dy = -(T - c[:, None] * yn) / norm / len(X)
            dh = (dy @ params[2].T) * (h > 0)
            grads = [X.T @ dh, dh.sum(0), a.T @ dy, dy.sum(0), X.T @ dy]
            step += 1
            for k, g in enumerate(grads):
                m, v = moments[k]
                m[:] = 0.9 * m + 0.1 * g
                v[:] = 0.999 * v + 0.001 * g * g
                params[k] -= 1e-3 * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        print(f'epoch {epoch}: gloss loss {loss / len(U):.4f}; mapped cosine: {gold_first(net)}', flush=True)
    embed = net

s, q = unit(embed(S)), unit(embed(Q))
json.dump([[round(float(x), 6) for x in s[r['cands']] @ q[qid[r['q']]]] for r in data['rows']], open(out_file, 'w'))
