#!/usr/bin/env python3
"""Trains the linear word model of the description analyzer, offline, on the project's own data.

Writes `src/analyze/descriptions/model.tsv`: a logistic regression over word unigrams and bigrams
of a tool's model-visible prose (its description and every parameter description, or one prompt /
server instructions text), read by `src/analyze/descriptions/model.rs`. The Rust side needs no
Python: tokenize, look each n-gram up, sum, squash.

Training data (and nothing else):
- positives: the `poisoned` rows of the `tune` split of `testdata/descriptions/labeled.jsonl`;
- negatives: its `honest` rows of the `tune` split (hand-written forceful-honest tools and the
  real servers of `testdata/servers` they reference), and every string of the `tune` split of
  `testdata/descriptions/sweep-honest.jsonl.gz` (a package is frozen when the first byte of
  sha256("ecosystem:name") is divisible by 3).
Never read: the labeled `holdout`, `fresh` and `fresh2` rows, the sweep's frozen packages, the
public benchmark. The script filters by split before it looks at any text.

Features: the set of lowercase alphanumeric word unigrams (`u:word`) and bigrams (`b:w1 w2`) of
the text (NFKC, lowercase), binary, scaled by 1/sqrt(number of distinct features) so a long text
does not add up by length. Cross-validated out-of-fold scores (5 folds) on the training data are
printed per source, with the thresholds they imply; the thresholds in `model.rs` are chosen from
them, never from a measured split.

Run (numpy + scikit-learn in a throwaway venv):
    python3 -m venv /tmp/mlvenv && /tmp/mlvenv/bin/pip install numpy scipy scikit-learn
    /tmp/mlvenv/bin/python scripts/descriptions/train_model.py
"""
import gzip
import hashlib
import json
import math
import pathlib
import sys
import unicodedata

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = pathlib.Path(__file__).resolve().parents[2]
LABELED = ROOT / "testdata" / "descriptions" / "labeled.jsonl"
SWEEP = ROOT / "testdata" / "descriptions" / "sweep-honest.jsonl.gz"
SERVERS = ROOT / "testdata" / "servers"
OUT = ROOT / "src" / "analyze" / "descriptions" / "model.tsv"

# Regularization (inverse strength) and the smallest weight kept in the file.
C = float(__import__("os").environ.get("MODEL_C", "3.0"))
KEEP = 0.02
# A feature must occur in at least this many training texts.
MIN_DF = 2
MAX_TEXT = 4000


# Last labels that make a dotted word a host name (`relay.example`, `api.acme.io`), not a file.
TLDS = {"com", "net", "org", "io", "dev", "ai", "co", "app", "xyz", "info", "biz", "site",
        "cloud", "me", "us", "uk", "de", "ru", "cn", "example", "test", "local", "internal"}


def shape(word):
    """A whitespace-delimited word that is a reference rather than prose: a URL, an e-mail
    address, a host name or a home or absolute path becomes one token saying so (the words
    inside it are names, not language)."""
    w = word.strip("`'\"()[]{}<>,;:.!?")
    if "://" in w:
        return "__url__"
    if "@" in w and "." in w.split("@")[-1] and w.split("@")[0]:
        return "__email__"
    if w.startswith(("~/", "/", "$home", "%")) and len(w) > 2:
        return "__path__"
    labels = w.split(".")
    if len(labels) >= 2 and all(labels) and labels[-1] in TLDS and all(l.replace("-", "").isalnum() for l in labels):
        return "__host__"
    return None


def tokens(text):
    """Lowercase alphanumeric runs of the NFKC text, references folded into shape tokens
    (the Rust side: `model::tokens`)."""
    text = unicodedata.normalize("NFKC", text)[:MAX_TEXT].lower()
    out = []
    for word in text.split():
        s = shape(word)
        if s:
            out.append(s)
            continue
        cur = []
        for ch in word:
            if ch.isalnum():
                cur.append(ch)
            elif cur:
                out.append("".join(cur))
                cur = []
        if cur:
            out.append("".join(cur))
    return out


def features(text):
    toks = tokens(text)
    feats = {"u:" + t for t in toks}
    feats.update("b:" + a + " " + b for a, b in zip(toks, toks[1:]))
    return feats


def param_descriptions(schema, out):
    if isinstance(schema, dict):
        if isinstance(schema.get("description"), str):
            out.append(schema["description"])
        for key, value in schema.items():
            if key != "description":
                param_descriptions(value, out)
    elif isinstance(schema, list):
        for item in schema:
            param_descriptions(item, out)


def tool_text(tool):
    """A tool's prose: description, then each parameter description (as `model.rs` joins them)."""
    parts = []
    if isinstance(tool.get("description"), str):
        parts.append(tool["description"])
    schema = tool.get("inputSchema") or tool.get("input_schema") or {}
    param_descriptions(schema.get("properties", {}), parts)
    return "\n".join(p for p in parts if p.strip())


def server_tool(ref, cache={}):
    file, name = ref.split("#", 1)
    if file not in cache:
        cache[file] = json.loads((SERVERS / file).read_text())["tools"]
    return next(t for t in cache[file] if t["name"] == name)


def sweep_frozen(pkg):
    return hashlib.sha256(pkg.encode()).digest()[0] % 3 == 0


def load():
    """(text, label, source) of the training data only."""
    rows = []
    for line in LABELED.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["split"] != "tune":
            continue  # holdout and fresh splits are never read further
        tool = server_tool(row["ref"]) if "ref" in row else row["tool"]
        text = tool_text(tool)
        if not text:
            continue
        poisoned = row["label"] == "poisoned"
        source = "labeled-poisoned" if poisoned else ("labeled-honest-ref" if "ref" in row else "labeled-honest")
        rows.append((text, int(poisoned), source))
    with gzip.open(SWEEP, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            pkg = json.loads(line)
            if sweep_frozen(pkg["pkg"]):
                continue  # frozen packages are never read further
            for tool in pkg.get("tools") or []:
                strings = []
                if isinstance(tool.get("description"), str):
                    strings.append(tool["description"])
                param_descriptions((tool.get("input_schema") or {}), strings)
                for s in strings:
                    if s.strip():
                        rows.append((s, 0, "sweep"))
            for text in pkg.get("texts") or []:
                if (text.get("text") or "").strip():
                    rows.append((text["text"], 0, "sweep"))
    return rows


def matrix(feature_sets, vocab):
    indptr, indices, data = [0], [], []
    for feats in feature_sets:
        idx = sorted(vocab[f] for f in feats if f in vocab)
        scale = 1.0 / math.sqrt(max(len(feats), 1))
        indices.extend(idx)
        data.extend([scale] * len(idx))
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(feature_sets), len(vocab)))


# Hand-written forceful-honest tools are the hard negatives: they count this many times.
HARD = float(__import__("os").environ.get("MODEL_HARD", "10"))


def fit(feature_sets, y, sources):
    df = {}
    for feats in feature_sets:
        for f in feats:
            df[f] = df.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    X = matrix(feature_sets, vocab)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="liblinear")
    model.fit(X, y, sample_weight=np.where(sources == "labeled-honest", HARD, 1.0))
    return vocab, model


def main():
    rows = load()
    texts = [r[0] for r in rows]
    y = np.array([r[1] for r in rows])
    sources = np.array([r[2] for r in rows])
    feature_sets = [features(t) for t in texts]
    print(f"{len(rows)} training texts: {int(y.sum())} poisoned, {int((1 - y).sum())} honest", file=sys.stderr)

    # Out-of-fold scores: what the model says about texts it was not trained on.
    oof = np.zeros(len(rows))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=7).split(texts, y):
        vocab, model = fit([feature_sets[i] for i in train], y[train], sources[train])
        X = matrix([feature_sets[i] for i in test], vocab)
        oof[test] = model.decision_function(X)
    for source in sorted(set(sources)):
        s = oof[sources == source]
        qs = np.quantile(s, [0.5, 0.9, 0.99, 0.999, 1.0])
        print(f"{source:20} n={len(s):6} quantiles 50/90/99/99.9/max: " + " ".join(f"{q:6.2f}" for q in qs), file=sys.stderr)
    pos = oof[y == 1]
    for source in sorted(set(sources) - {"labeled-poisoned"}):
        neg = oof[sources == source]
        auc = float(np.mean([(p > neg).mean() + 0.5 * (p == neg).mean() for p in pos]))
        print(f"out-of-fold AUC, poisoned vs {source}: {auc:.3f}", file=sys.stderr)
    for t in np.arange(-1.0, 4.01, 0.25):
        honest_over = {src: int((oof[(sources == src)] >= t).sum()) for src in sorted(set(sources)) if src != "labeled-poisoned"}
        print(f"threshold {t:5.2f}: poisoned over {int((pos >= t).sum()):3}/{len(pos)}  honest over {honest_over}", file=sys.stderr)

    vocab, model = fit(feature_sets, y, sources)
    weights = model.coef_[0]
    kept = sorted(((f, w) for f, w in zip(sorted(vocab, key=vocab.get), weights) if abs(w) >= KEEP), key=lambda fw: fw[0])
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Linear word model of tool descriptions; written by scripts/descriptions/train_model.py, do not edit.\n")
        f.write(f"# {len(rows)} training texts ({int(y.sum())} poisoned), {len(vocab)} features, {len(kept)} kept (|w| >= {KEEP}), C={C}.\n")
        f.write(f"bias\t{model.intercept_[0]:.4f}\n")
        for feat, w in kept:
            f.write(f"{feat}\t{w:.4f}\n")
    print(f"wrote {len(kept)} weights to {OUT.relative_to(ROOT)}", file=sys.stderr)
    top = sorted(kept, key=lambda fw: -fw[1])[:40]
    print("top positive: " + ", ".join(f"{f}={w:.2f}" for f, w in top), file=sys.stderr)


if __name__ == "__main__":
    main()
