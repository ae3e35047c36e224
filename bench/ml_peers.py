#!/usr/bin/python3
"""Side-by-side ML benchmark: peers (scikit-learn 1.2, xgboost 1.7 from Debian) and Engagement.ML
(through bench/Engagement.Bench.ML `quality`) on the same data sets, 5-fold stratified CV, seed 42.

Each peer's train+predict_seconds is the sum over the 5 folds of: taking the fold's rows out of the
loaded frame, the peer's own preprocessing (xgboost: category dtypes; its fit builds the quantile
bins), fitting, and predicting the held-out fold. Loading the CSV is not timed.
The telco fold ids are written to a temporary file and passed to `quality`, which then trains our
GBDT (defaults, one thread) on exactly these folds and times the same steps (row subset, training
with binning, prediction of the held-out fold); see bench/Engagement.Bench.ML/PeerFolds.cs.

Run from the repository root:  /usr/bin/python3 bench/ml_peers.py  (Debian python3-xgboost, python3-sklearn, python3-pandas)
"""
import os, subprocess, sys, tempfile, time
import numpy as np, pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.ensemble import HistGradientBoostingClassifier
import xgboost as xgb

DATA = "../shared/data"

def load(name, label, positive):
    df = pd.read_csv(f"{DATA}/{name}")
    y = (df.pop(label).astype(str).str.strip() == positive).astype(int).values
    cat = [c for c in df.columns if df[c].dtype == object]
    return df, y, cat

def folds(df, y):
    return list(StratifiedKFold(5, shuffle=True, random_state=42).split(df, y))

def cv(df, y, cat, fit_predict):
    aucs, hits, oof, secs = [], 0, np.zeros(len(y)), 0.0
    for tr, te in folds(df, y):
        t = time.perf_counter()
        p = fit_predict(df.iloc[tr], y[tr], df.iloc[te])
        secs += time.perf_counter() - t
        oof[te] = p
        aucs.append(roc_auc_score(y[te], p))
    top = np.argsort(-oof, kind="stable")[: len(y) // 10]
    return np.mean(aucs), int(y[top].sum()), secs

def logistic(cat, num):
    def f(Xtr, ytr, Xte):
        pre = ColumnTransformer([("c", OneHotEncoder(handle_unknown="ignore"), cat),
                                 ("n", make_pipeline(SimpleImputer(), StandardScaler()), num)])
        m = make_pipeline(pre, LogisticRegression(max_iter=2000)).fit(Xtr, ytr)
        return m.predict_proba(Xte)[:, 1]
    return f

def xgboost(cat):
    def f(Xtr, ytr, Xte):
        Xtr, Xte = Xtr.copy(), Xte.copy()
        for c in cat:
            Xtr[c] = Xtr[c].astype("category"); Xte[c] = pd.Categorical(Xte[c], categories=Xtr[c].cat.categories)
        m = xgb.XGBClassifier(nthread=1, tree_method="hist", enable_categorical=True).fit(Xtr, ytr)
        return m.predict_proba(Xte)[:, 1]
    return f

def hgb(cat):
    def f(Xtr, ytr, Xte):
        enc = {c: {v: i for i, v in enumerate(sorted(Xtr[c].dropna().unique()))} for c in cat}
        A, B = Xtr.copy(), Xte.copy()
        for c in cat:
            A[c] = A[c].map(enc[c]); B[c] = B[c].map(enc[c])
        m = HistGradientBoostingClassifier(categorical_features=[A.columns.get_loc(c) for c in cat], random_state=42).fit(A, ytr)
        return m.predict_proba(B)[:, 1]
    return f

# The telco fold ids go to a temporary file for `quality`; it is removed whatever fails.
fold_file = tempfile.NamedTemporaryFile("w", suffix=".folds", delete=False)
try:
    for name, label, pos in [("telco_churn.csv", "churn", "Yes"), ("coil2000_train.csv", "CARAVAN", "insurance")]:
        df, y, cat = load(name, label, pos)
        if name == "telco_churn.csv":
            ids = np.zeros(len(y), dtype=int)
            for k, (_, te) in enumerate(folds(df, y)):
                ids[te] = k
            fold_file.write("\n".join(map(str, ids)) + "\n")
            fold_file.close()
        num = [c for c in df.columns if c not in cat]
        for peer, fn in [("sklearn LogisticRegression", logistic(cat, num)), ("xgboost 1 thread", xgboost(cat)), ("sklearn HistGradientBoosting", hgb(cat))]:
            auc, hits, secs = cv(df, y, cat, fn)
            print(f"{name} {peer}: auc={auc:.4f} top10%_hits={hits} of {y.sum()} train+predict_seconds={secs:.2f}")
    sys.stdout.flush()
    subprocess.run(["dotnet", "run", "-c", "Release", "--project", "bench/Engagement.Bench.ML", "--", "quality", DATA, fold_file.name], check=True)
finally:
    fold_file.close()
    os.unlink(fold_file.name)
