"""The reduce step of Rahmen's scale-out as an Apache Spark job, checked
against Rahmen's own reduce.

`rahmen digest --shard I/N --out DIGESTS` writes one folder per shard
(docs/scale-out.md). This job reads every shard's `counts.parquet`,
`terms.parquet` and `digests.parquet` (not the digest blobs), and computes
what the corpus-wide reduce computes from them:

- the vocabulary with document and total frequencies (min_df/max_df as in
  the report's config.json),
- the group sums: each group's count of each term and its total, in tokens
  and in documents,
- the keyness tables (signed G², scipy's log-likelihood without correction,
  the formula of features::keyness::KeyTerm::new),
- the exact duplicates: articles whose token sequence hashes (`text_hash`)
  equal an earlier article's, each with the first of its kind,
- the shared-passage candidates by a shingle join over `shingles.parquet`:
  among the originals, the fingerprints in more than `max_postings` articles
  (or more often than that in one) are skipped as stock phrases, and every
  pair of articles sharing another fingerprint is a candidate,

then compares them with the report that `rahmen report --digests DIGESTS`
made (data/terms.tsv, data/keyness.tsv, data/duplicates.tsv, data/shared.tsv
and the counts of candidate pairs and skipped fingerprints in report.md),
and exits non-zero on a difference. Run it where pyspark (and Java 17+) is installed; CI does not:

    python3 bench/spark_reduce.py DIGESTS REPORT [--master local[2]]

On a cluster, point --master at it and DIGESTS at shared storage (HDFS, S3):
the job is the same.
"""

import argparse
import csv
import glob
import json
import math
import os
import re
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import Window
from pyspark.sql import functions as F


def read_shards(spark, digests, table):
    """Every shard's `table`, with the shard folder's name as a column."""
    frame = spark.read.parquet(os.path.join(digests, "shard-*", f"{table}.parquet"))
    return frame.withColumn(
        "shard", F.regexp_extract(F.input_file_name(), r"(shard-\d+-of-\d+)", 1)
    )


def report_table(spark, report, name):
    """A table of the report's data contract as dicts: the TSV of a small
    corpus, the Parquet of a large one."""
    tsv = os.path.join(report, "data", f"{name}.tsv")
    if os.path.exists(tsv):
        csv.field_size_limit(sys.maxsize)
        with open(tsv, newline="") as f:
            return list(csv.DictReader(f, delimiter="\t"))
    frame = spark.read.parquet(os.path.join(report, "data", f"{name}.parquet"))
    return [row.asDict() for row in frame.collect()]


def report_number(report, pattern):
    """A number report.md states in a sentence matching `pattern` (its
    first group), 0 when the sentence is not there (Rahmen leaves it out
    for zero)."""
    text = open(os.path.join(report, "report.md"), encoding="utf-8").read()
    found = re.search(pattern, text)
    return int(found.group(1).replace(",", "")) if found else 0


def df_bound(value, n_docs, low):
    """A min_df/max_df setting in documents: an integer is a count, a
    fraction a share of the articles."""
    if isinstance(value, int):
        return value
    return value * n_docs if not low else math.ceil(value * n_docs)


def g2(a, b, total_a, total_b):
    """Signed G² as features::keyness::KeyTerm::new computes it."""
    c, d = total_a - a, total_b - b
    n = total_a + total_b
    cross = a * d - b * c
    sign = (cross > 0) - (cross < 0)
    rows, columns = [a + b, c + d], [total_a, total_b]
    if rows[0] * rows[1] * columns[0] * columns[1] <= 0 or sign == 0:
        return 0.0
    observed = [a, b, c, d]
    expected = [
        rows[0] * columns[0] / n,
        rows[0] * columns[1] / n,
        rows[1] * columns[0] / n,
        rows[1] * columns[1] / n,
    ]
    total = sum(2.0 * o * math.log(o / e) for o, e in zip(observed, expected) if o > 0)
    return sign * max(total, 0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("digests", help="the folder of the shard folders")
    parser.add_argument("report", help="the report made from them")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    config = json.load(open(os.path.join(args.report, "data", "config.json")))

    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("rahmen-reduce")
        .config("spark.sql.shuffle.partitions", "16")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    digests = read_shards(spark, args.digests, "digests")
    # Skipped entries have no article.
    articles = digests.where(F.col("doc_id") != "").select(
        "entry", "doc_id", "group", "tokens", "text_hash"
    )
    docs = articles.select("entry", "doc_id", "group")
    terms = read_shards(spark, args.digests, "terms").withColumnRenamed("id", "term_id")
    counts = read_shards(spark, args.digests, "counts").join(terms, ["shard", "term_id"])
    n_docs = docs.count()

    # Vocabulary: document and total frequency of every key, cut by df.
    tfidf = config["tfidf"]
    low = df_bound(tfidf["min_df"], n_docs, True)
    high = df_bound(tfidf["max_df"], n_docs, False)
    frequencies = counts.groupBy("key").agg(
        F.count("*").alias("df"), F.sum("count").alias("total")
    )
    vocabulary = frequencies.where((F.col("df") >= low) & (F.col("df") <= high))
    kept = counts.join(vocabulary.select("key"), "key")

    # Group sums in tokens and in documents, and the group totals.
    by_group = kept.groupBy("group", "key").agg(
        F.sum("count").alias("tokens"), F.count("*").alias("documents")
    )
    group_tokens = kept.groupBy("group").agg(F.sum("count").alias("group_tokens"))
    group_documents = docs.groupBy("group").agg(F.count("*").alias("group_documents"))
    spark_vocabulary = {row["key"] for row in vocabulary.select("key").collect()}
    spark_sums = {
        (row["group"], row["key"]): (row["tokens"], row["documents"])
        for row in by_group.collect()
    }
    term_totals = {row["key"]: (row["total"], row["df"]) for row in vocabulary.collect()}
    tokens_of = {row["group"]: row["group_tokens"] for row in group_tokens.collect()}
    documents_of = {row["group"]: row["group_documents"] for row in group_documents.collect()}
    # Exact duplicates: the same token sequence as an earlier article (an
    # article without tokens is nobody's duplicate).
    first = Window.partitionBy("text_hash").orderBy("entry")
    duplicates = (
        articles.where(F.col("tokens") > 0)
        .withColumn("duplicate_of", F.first("doc_id").over(first))
        .withColumn("rank", F.row_number().over(first))
        .where(F.col("rank") > 1)
    )
    spark_duplicates = {(row["doc_id"], row["duplicate_of"]) for row in duplicates.collect()}

    # Shared-passage candidates: a self-join of the originals' winnowed
    # shingle fingerprints on their hash, less the stock phrases.
    max_postings = config["syndication"]["params"]["max_postings"]
    originals = articles.join(duplicates.select("entry"), "entry", "left_anti").select("entry")
    in_article = (
        read_shards(spark, args.digests, "shingles")
        .join(originals, "entry")
        .groupBy("fingerprint", "entry")
        .agg(F.count("*").alias("times"))
    )
    by_fingerprint = in_article.groupBy("fingerprint").agg(
        F.count("*").alias("articles"), F.max("times").alias("most_in_one")
    )
    common = (F.col("articles") > max_postings) | (F.col("most_in_one") > max_postings)
    spark_skipped = by_fingerprint.where(common).count()
    pairing = by_fingerprint.where(~common & (F.col("articles") > 1)).select("fingerprint")
    postings = in_article.join(pairing, "fingerprint").select("fingerprint", "entry")
    ids = articles.select("entry", "doc_id")
    candidates = (
        postings.alias("x")
        .join(postings.alias("y"), "fingerprint")
        .where(F.col("x.entry") < F.col("y.entry"))
        .select(F.col("x.entry").alias("a"), F.col("y.entry").alias("b"))
        .distinct()
        .join(ids.withColumnRenamed("entry", "a").withColumnRenamed("doc_id", "doc_a"), "a")
        .join(ids.withColumnRenamed("entry", "b").withColumnRenamed("doc_id", "doc_b"), "b")
    )
    spark_candidates = {(row["doc_a"], row["doc_b"]) for row in candidates.collect()}
    seconds = time.perf_counter() - started
    rahmen_terms = report_table(spark, args.report, "terms")
    rahmen_keyness = report_table(spark, args.report, "keyness")
    rahmen_duplicates = {
        (row["doc_id"], row["duplicate_of"]) for row in report_table(spark, args.report, "duplicates")
    }
    rahmen_passage_pairs = {
        (row["doc_a"], row["doc_b"]) for row in report_table(spark, args.report, "shared")
    }
    spark.stop()
    rahmen_candidates = report_number(
        args.report, r"([\d,]+) pairs? of articles shared at least one fingerprint"
    )
    rahmen_skipped = report_number(args.report, r"([\d,]+) fingerprints? (?:was|were) skipped")

    problems = []
    # The shingles must be the report's: the same shingle and window.
    for path in glob.glob(os.path.join(args.digests, "shard-*", "shard.json")):
        made = json.load(open(path))["shingles"]
        used = config["syndication"]["params"]
        if (made["shingle"], made["window"]) != (used["shingle"], used["window"]):
            problems.append(f"{path}: shingles made with {made}, the report used {used}")
    if len(spark_candidates) != rahmen_candidates:
        problems.append(
            f"candidate pairs: Spark {len(spark_candidates)}, Rahmen {rahmen_candidates}"
        )
    if spark_skipped != rahmen_skipped:
        problems.append(f"skipped fingerprints: Spark {spark_skipped}, Rahmen {rahmen_skipped}")
    unpaired = rahmen_passage_pairs - spark_candidates
    if unpaired:
        problems.append(f"{len(unpaired)} pairs with a shared passage are no Spark candidate")
    rahmen_vocabulary = {row["term"] for row in rahmen_terms}
    if rahmen_vocabulary != spark_vocabulary:
        problems.append(
            f"vocabulary: {len(rahmen_vocabulary - spark_vocabulary)} terms only in Rahmen's, "
            f"{len(spark_vocabulary - rahmen_vocabulary)} only in Spark's"
        )
    if rahmen_duplicates != spark_duplicates:
        problems.append(
            f"duplicates: {len(rahmen_duplicates - spark_duplicates)} only in Rahmen's, "
            f"{len(spark_duplicates - rahmen_duplicates)} only in Spark's"
        )
    all_tokens = sum(tokens_of.values())
    checked = {"tokens": 0, "documents": 0}
    for row in rahmen_keyness:
        if row["view"] != "all" or row["unit"] not in checked:
            continue
        unit, group, key = row["unit"], row["group"], row["term"]
        a_sum = spark_sums.get((group, key), (0, 0))[0 if unit == "tokens" else 1]
        total = term_totals[key][0 if unit == "tokens" else 1]
        if unit == "tokens":
            total_a, total_b = tokens_of[group], all_tokens - tokens_of[group]
        else:
            total_a, total_b = documents_of[group], n_docs - documents_of[group]
        expected = (a_sum, total - a_sum, total_a, total_b)
        found = tuple(float(row[c]) for c in ("a", "b", "total_a", "total_b"))
        if tuple(map(float, expected)) != found:
            problems.append(f"{unit} {group} {key}: Spark {expected}, Rahmen {found}")
            continue
        spark_g2 = g2(*map(float, expected))
        rahmen_g2 = float(row["g2"])
        if abs(spark_g2 - rahmen_g2) > 1e-9 * max(1.0, abs(rahmen_g2)):
            problems.append(f"{unit} {group} {key}: G² Spark {spark_g2}, Rahmen {rahmen_g2}")
        checked[unit] += 1

    print(
        f"Spark reduce over {args.digests}: {n_docs} articles, {len(spark_vocabulary)} terms, "
        f"{len(tokens_of)} groups, {seconds:.1f} s ({args.master})"
    )
    print(
        f"checked against {args.report}: the vocabulary, {len(rahmen_duplicates)} exact duplicates, and "
        f"{checked['tokens']} token and {checked['documents']} document keyness rows "
        f"(group sums, totals, G²), {len(spark_candidates)} candidate pairs of the shingle join "
        f"({spark_skipped} fingerprints skipped) covering the {len(rahmen_passage_pairs)} pairs "
        f"with a shared passage"
    )
    if problems:
        print(f"{len(problems)} differences, the first ones:")
        for problem in problems[:20]:
            print("  " + problem)
        sys.exit(1)
    print("Spark's reduce equals Rahmen's.")


if __name__ == "__main__":
    main()
