#!/usr/bin/env python3
"""The vectorised pandas + numpy Krippendorff's alpha (nominal) that `qcode agree --ratings`
is compared with (issue: at least 5x faster, as a whole process with CSV reading).

Reads long-format ratings (unit,coder,value), builds the coincidence matrix with numpy,
and prints alpha. Time the whole process:

    /usr/bin/time -f '%e s %M KB' python3 Scripts/agree_baseline.py FILE.csv
"""
import sys

import numpy as np
import pandas as pd


def alpha_nominal(path):
    frame = pd.read_csv(path, dtype=str)
    frame = frame.dropna(subset=["value"])
    units = pd.factorize(frame["unit"])[0]
    values, categories = pd.factorize(frame["value"])
    k = len(categories)
    # Per unit, counts of each value (units x categories), vectorised.
    counts = np.zeros((units.max() + 1, k), dtype=np.int64)
    np.add.at(counts, (units, values), 1)
    m = counts.sum(axis=1)
    pairable = m >= 2
    counts, m = counts[pairable], m[pairable]
    # Coincidences: sum over units of (n_uc n_uk - [c == k] n_uc) / (m_u - 1).
    weights = 1.0 / (m - 1)
    coincidence = (counts.T * weights) @ counts
    coincidence -= np.diag((counts * weights[:, None]).sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    observed = coincidence.sum() - np.trace(coincidence)
    expected = (n * n - (n_c * n_c).sum()) / (n - 1)
    return 1.0 - observed / expected


if __name__ == "__main__":
    print(f"alpha {alpha_nominal(sys.argv[1]):.6f}")
