"""A lexical view of a line for the line classifier: what its characters say, learned rather than listed.

The hand-written chrome vocabulary of `lines_features` covers a few languages and the words someone thought
of; page chrome has many more ("Reklama", "Zurück zum Inhaltsverzeichnis", "Opens in new window"). A linear
model over a line's hashed character n-grams (2-4 characters inside word boundaries, lower-cased, the line's
head only) learns them from the training lines. Its probability and that of the lines around it become three
extra feature columns of the gradient-boosted classifier (``lines.v5``), which weighs them against layout and
context; alone, a line's words say too little (a menu label and a sub-heading can be the same words).

Training must not let the trees see lexical probabilities of lines the lexical model was fitted on (they
would look far more certain than at run time), so `bench/train_lines.py --lexical` feeds the trees out-of-fold
lexical probabilities and ships one lexical model fitted on all training lines.

Example:
    >>> import numpy as np
    >>> train = ["Share this", "The minister said on Tuesday that exports would resume."] * 20
    >>> lex = LexicalModel.fit(vectorize(train), np.array([0, 1] * 20), np.ones(40))
    >>> cols = lex.columns(["Share this", "Officials said the ministry would publish figures."])
    >>> cols.shape, bool(cols[0, 0] < cols[1, 0])
    ((2, 3), True)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression

from .lines_features import _window_mean

N_LEXICAL = 3
HEAD = 300  # characters of a line read: its head says what it is, and a 200 kB "line" must stay cheap
# 2**19 hashed n-grams: a line has a few hundred, the training lines some hundred thousand distinct ones, so
# collisions stay rare without a vocabulary to ship
_VECTORIZER = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=2**19, alternate_sign=False,
                                norm="l2")


def vectorize(lines: list[str]) -> Any:
    """The lines' hashed character n-grams (a sparse matrix, one row a line); stateless, so training can hash
    its lines once and fit many models on row subsets."""
    return _VECTORIZER.transform([line.strip()[:HEAD].lower() for line in lines])


@dataclass(slots=True)
class LexicalModel:
    """Logistic regression over hashed character n-grams of a line."""

    clf: LogisticRegression

    @classmethod
    def fit(cls, hashed: Any, y: np.ndarray, weight: np.ndarray) -> LexicalModel:
        """Fit on training lines.

        Args:
            hashed: the lines' `vectorize` rows.
            y: 1 for article text, 0 for chrome.
            weight: per-line training weight.

        Returns:
            The fitted model.
        """
        clf = LogisticRegression(C=1.0, max_iter=300, solver="liblinear")
        return cls(clf.fit(hashed, y, sample_weight=weight))

    def proba(self, lines: list[str], hashed: Any = None) -> np.ndarray:
        """Each line's probability of being article text by its characters alone.

        Args:
            lines: the lines.
            hashed: their `vectorize` rows when already computed.
        """
        if not lines:
            return np.zeros(0)
        return self.clf.predict_proba(vectorize(lines) if hashed is None else hashed)[:, 1]

    def columns(self, lines: list[str]) -> np.ndarray:
        """The page's lexical feature columns (see `lexical_columns`)."""
        return lexical_columns(self.proba(lines))


def lexical_columns(proba: np.ndarray) -> np.ndarray:
    """The feature columns of one page: each line's lexical probability and its means over ±2 and ±5 lines.

    Args:
        proba: the page's lines' lexical probabilities, in order.

    Returns:
        ``(len(proba), N_LEXICAL)`` floats.
    """
    p = np.asarray(proba, dtype=float)
    if len(p) == 0:
        return np.zeros((0, N_LEXICAL))
    return np.stack([p, _window_mean(p, 2), _window_mean(p, 5)], axis=1)
