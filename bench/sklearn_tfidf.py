"""scikit-learn's TfidfVectorizer on a 10kGNAD-style CSV (no header, ';', "'"),
for `cargo xtask bench`. Prints: articles seconds."""
import csv
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer

csv.field_size_limit(1 << 30)
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")]
matrix = TfidfVectorizer(min_df=2, sublinear_tf=True).fit_transform(texts)
print(len(texts), f"{time.perf_counter() - start:.3f}")
