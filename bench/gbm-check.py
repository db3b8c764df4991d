"""Whether the answer model's features, given to gradient-boosted trees instead of a logistic model, rank better.

Reads the instances `npx tsx bench/ranker-check.ts --dump FILE` writes; folds by article as `npm run eval` does.
Pointwise (LightGBM's classifier over every candidate of answerable and unanswerable questions, like the answer
model) and listwise (LambdaRank over answerable questions); ranking only: the held-out first candidate against the
gold. Needs `pip install lightgbm numpy` (a bench, not a dependency of Footnote).

    python3 bench/gbm-check.py /tmp/answer-instances.json
"""
import json
import sys

import lightgbm as lgb
import numpy as np

DEV = ['000_ce70d124781ea012', 'tram-line', 'cup-final']
NEGATIVE = {'near', 'off', 'removed', 'foreign'}
instances = json.load(open(sys.argv[1]))
names = list(instances[0]['c'][0]['f'].keys())


def fold(group):
    return (int(group[6:]) if group.startswith('xquad-') else DEV.index(group)) % 3


def answerable(i):
    return i['kind'] in ('paraphrase', 'plain')


def matrix(i):
    return np.array([[c['f'][n] for n in names] for c in i['c']])


def dev_weight(rows):
    xquad = sum(1 for i in rows if i['set'] == 'xquad')
    dev = len(rows) - xquad
    return xquad / dev if dev else 1


def pointwise(params):
    def fit(train):
        rows = [i for i in train if answerable(i) or i['kind'] in NEGATIVE]
        w = dev_weight(rows)
        X = np.vstack([matrix(i) for i in rows if i['c']])
        y = [c['g'] for i in rows for c in i['c']]
        weights = [1 if i['set'] == 'xquad' else w for i in rows for _ in i['c']]
        model = lgb.LGBMClassifier(verbose=-1, learning_rate=0.05, **params).fit(X, y, sample_weight=weights)
        return lambda i: model.predict_proba(matrix(i))[:, 1]
    return fit


def listwise(params):
    def fit(train):
        rows = [i for i in train if answerable(i) and any(c['g'] for c in i['c'])]
        X = np.vstack([matrix(i) for i in rows])
        y = [int(c['g']) for i in rows for c in i['c']]
        model = lgb.LGBMRanker(objective='lambdarank', verbose=-1, learning_rate=0.05, **params)
        model.fit(X, y, group=[len(i['c']) for i in rows])
        return lambda i: model.predict(matrix(i))
    return fit


def held_out(label, fit):
    hits = {'xquad': [], 'dev': []}
    for k in range(3):
        score = fit([i for i in instances if fold(i['group']) != k])
        for i in instances:
            if fold(i['group']) != k or not answerable(i) or not i['c']:
                continue
            first = int(np.argmax(score(i)))
            hits['xquad' if i['set'] == 'xquad' else 'dev'].append(i['c'][first]['g'])
    print(f"{label:34s} XQuAD R@1 {np.mean(hits['xquad']):.3f}  dev R@1 {np.mean(hits['dev']):.3f}")


for trees in (50, 100, 300):
    for leaves in (4, 8, 16):
        held_out(f'pointwise, {trees} trees, {leaves} leaves', pointwise(dict(n_estimators=trees, num_leaves=leaves)))
for trees in (50, 100, 300):
    for leaves in (4, 8, 16):
        held_out(f'LambdaRank, {trees} trees, {leaves} leaves', listwise(dict(n_estimators=trees, num_leaves=leaves)))
