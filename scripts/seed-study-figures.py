#!/usr/bin/env python3
"""Prints the figures of docs/seed-study.md from the results.json of a run of example 06
(scripts/run.sh writes it to build/main/synthbench-report/results.json). Every number of the
doc's tables and of its "which conclusions survive" list comes from here, so that the doc can be
regenerated after a change of the solvers, the data or the draws. Python 3 standard library only.

Usage: scripts/seed-study-figures.py RESULTS.json
"""
import json
import statistics
import sys

DATASETS = ["snips", "atis", "crossner_literature", "crossner_politics", "headlines", "tweet-news"]
MODES = [("practitioner", ""), ("paper", "-paper")]
SHORT = {
    "Meta-Llama-3-70B-Instruct": "Llama-3-70B",
    "Meta-Llama-3-8B-Instruct": "Llama-3-8B",
    "Mixtral-8x22B-Instruct-v0.1": "Mixtral-8x22B",
    "Mixtral-8x7B-Instruct-v0.1": "Mixtral-8x7B",
    "gpt-4o": "gpt-4o",
    "gpt-4o-mini": "gpt-4o-mini",
}
ALPHA = 0.05


def p_text(p):
    """A p-value with two significant digits (as the report prints them, more or less)."""
    if p >= 0.01:
        return "%.2g" % p if p < 0.1 else "%.2f" % p
    return "%.2g" % p


def mspd_text(x):
    return "%.4f" % x if x < 0.1 else "%.3f" % x


def ci_text(interval, digits=2):
    return "[%.*f, %.*f]" % (digits, interval["lower"], digits, interval["upper"])


def mspd_ci_text(interval):
    lo, hi = interval["lower"], interval["upper"]
    digits = 4 if hi < 0.1 else 3
    return "[%.*f, %.*f]" % (digits, lo, digits, hi)


def load(path):
    data = json.load(open(path))
    return {e["name"]: e for e in data["experiments"]}, data.get("gates", [])


def first_metric(experiment):
    return experiment["metrics"][0]


def metric_named(experiment, name):
    for m in experiment["metrics"]:
        if m["table"]["metric"] == name:
            return m
    raise KeyError(name)


def interval_of(metric, dataset):
    for i in metric["intervals"]:
        if i["dataset"] == dataset:
            return i
    return None


def draw_values(experiment, kind, synthetic="average"):
    """(srcc, p, mspd) of `synthetic` on each draw of `kind`, in seed order."""
    out = []
    for d in experiment["samples"]["draws"]:
        if d["kind"] != kind:
            continue
        for a in d["agreements"]:
            if a["synthetic"] == synthetic:
                out.append((a["srcc"], a["srcc_p"], a["mspd"]))
    return out


def spread(values):
    """median [min, max] with two decimals."""
    return "%.2f [%.2f, %.2f]" % (statistics.median(values), min(values), max(values))


def mspd_spread(values):
    m, lo, hi = statistics.median(values), min(values), max(values)
    return "%s [%s, %s]" % (mspd_text(m), mspd_text(lo), mspd_text(hi))


def significant(draws):
    return sum(1 for _, p, _ in draws if p is not None and p <= ALPHA)


def headline_table(experiments, suffix):
    print("| dataset | metric | SRCC (p) | SRCC 95% CI | MSPD [95% CI] | first 200: SRCC (p) | random draws: SRCC, significant | "
          "stratified draws: SRCC, significant | MSPD over random draws | MSPD over stratified draws |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |")
    for name in DATASETS:
        e = experiments[name + suffix]
        m = first_metric(e)
        avg = m["meta"]["datasets"]["average"]
        iv = interval_of(m, "average")
        first = draw_values(e, "first")[0]
        rnd = draw_values(e, "random")
        strat = draw_values(e, "stratified")
        metric = m["table"]["metric"] + (" (train labels)" if suffix and e["task"] == "intent" else "")
        print("| %s | %s | %.2f (%s) | %s | %s %s | %.2f (%s) | %s, %d/%d | %s, %d/%d | %s | %s |" % (
            name, metric, avg["srcc"], p_text(avg["srcc_p_exact"]), ci_text(iv["srcc"]), mspd_text(avg["mspd"]),
            mspd_ci_text(iv["mspd"]), first[0], p_text(first[1]),
            spread([v[0] for v in rnd]), significant(rnd), len(rnd),
            spread([v[0] for v in strat]), significant(strat), len(strat),
            mspd_spread([v[2] for v in rnd]), mspd_spread([v[2] for v in strat])))


def per_generator_srcc(experiments, suffix):
    gens = list(SHORT)
    print("| dataset | metric | " + " | ".join(SHORT[g] for g in gens) + " | **average** |")
    print("| --- | --- |" + " ---: |" * (len(gens) + 1))
    for name in DATASETS:
        m = first_metric(experiments[name + suffix])
        cells = []
        for g in gens + ["average"]:
            d = m["meta"]["datasets"][g]
            cell = "%.2f (%s) %s" % (d["srcc"], p_text(d["srcc_p_exact"]), ci_text(interval_of(m, g)["srcc"]))
            cells.append("**" + cell + "**" if g == "average" else cell)
        print("| %s | %s | %s |" % (name, m["table"]["metric"], " | ".join(cells)))


def per_generator_mspd(experiments, suffix):
    gens = list(SHORT)
    print("| dataset | " + " | ".join(SHORT[g] for g in gens) + " | **average** |")
    print("| --- |" + " ---: |" * (len(gens) + 1))
    for name in DATASETS:
        m = first_metric(experiments[name + suffix])
        cells = ["%.4f" % m["meta"]["datasets"][g]["mspd"] for g in gens]
        cells.append("**%.4f**" % m["meta"]["datasets"]["average"]["mspd"])
        print("| %s | %s |" % (name, " | ".join(cells)))


def conclusions(experiments):
    print("Significant average (exact p <= 0.05), first / random / stratified:")
    for mode, suffix in MODES:
        for name in DATASETS:
            e = experiments[name + suffix]
            f = draw_values(e, "first")
            r = draw_values(e, "random")
            s = draw_values(e, "stratified")
            print("  %-12s %-20s first %d/1  random %d/%d  stratified %d/%d" % (
                mode, name, significant(f), significant(r), len(r), significant(s), len(s)))
    print("\nAverage no worse than the worst single generator (draws where it holds / draws):")
    for mode, suffix in MODES:
        for name in DATASETS:
            e = experiments[name + suffix]
            ok = total = 0
            for d in e["samples"]["draws"]:
                avg = [a["srcc"] for a in d["agreements"] if a["synthetic"] == "average"][0]
                worst = min(a["srcc"] for a in d["agreements"] if a["synthetic"] != "average" and a["srcc"] is not None)
                total += 1
                ok += avg is not None and avg >= worst - 1e-12
            print("  %-12s %-20s %d/%d" % (mode, name, ok, total))
    print("\nSNIPS against the NER sets, headline SRCC of the average and draws paired by index (SNIPS higher):")
    for mode, suffix in MODES:
        snips = experiments["snips" + suffix]
        for ner in ["crossner_literature", "crossner_politics"]:
            e = experiments[ner + suffix]
            s0 = first_metric(snips)["meta"]["datasets"]["average"]["srcc"]
            n0 = first_metric(e)["meta"]["datasets"]["average"]["srcc"]
            line = "  %-12s snips %.2f vs %s %.2f;" % (mode, s0, ner, n0)
            for kind in ["random", "stratified"]:
                a = [v[0] for v in draw_values(snips, kind)]
                b = [v[0] for v in draw_values(e, kind)]
                line += " %s %d/%d higher, %d tied;" % (kind, sum(x > y for x, y in zip(a, b)), len(a),
                                                         sum(x == y for x, y in zip(a, b)))
            print(line)
    print("\nDifficulty gap of the average (synthetic - real, first metric):")
    for mode, suffix in MODES:
        print("  %-12s " % mode + ", ".join("%s %+.3f" % (n, first_metric(experiments[n + suffix])["meta"]["datasets"]["average"]["difficulty_gap"])
                                            for n in DATASETS))


def other_metrics(experiments):
    print("Average's SRCC (p) under every metric of the experiment:")
    for mode, suffix in MODES:
        for name in DATASETS:
            e = experiments[name + suffix]
            cells = []
            for m in e["metrics"]:
                d = m["meta"]["datasets"]["average"]
                cells.append("%s %.2f (%s)" % (m["table"]["metric"], d["srcc"], p_text(d["srcc_p_exact"])))
            print("  %-12s %-20s %s" % (mode, name, "; ".join(cells)))
    e = experiments["atis"]
    acc = metric_named(e, "accuracy")["table"]["real"]
    print("\nATIS (practitioner) real accuracy per solver: " + ", ".join("%s %.3f" % kv for kv in acc.items()))
    for name in ["atis", "atis-paper"]:
        print("%s real macro-F1 per solver: " % name + ", ".join(
            "%s %.3f" % kv for kv in first_metric(experiments[name])["table"]["real"].items()))


def datasets(experiments):
    print("Data repairs and issues (practitioner experiments):")
    for name in DATASETS:
        e = experiments[name]
        issues = ["%s: %s" % (d["name"], ", ".join("%s %d" % kv for kv in d["issues"].items()))
                  for d in e["datasets"] if d["issues"]]
        print("  %-20s %s" % (name, "; ".join(issues) if issues else "none"))
    print("Unusable answers (solver, dataset, parse failures, out of label set), all experiments:")
    for name in DATASETS:
        for p in experiments[name]["predictions"]:
            if p["parse_failures"] or p["out_of_label_set"]:
                print("  %s %s %s %d %d" % (name, p["solver"], p["dataset"], p["parse_failures"], p["out_of_label_set"]))


def gates_table(experiments, gates):
    print("Gates: headline values (p, 95% CI lower bound of the SRCC, MSPD) and the tests' verdicts:")
    for name in DATASETS:
        cells = []
        for mode, suffix in MODES:
            m = first_metric(experiments[name + suffix])
            avg = m["meta"]["datasets"]["average"]
            iv = interval_of(m, "average")
            cells.append("%s p %s, CI lower %.2f, MSPD %s" % (mode, p_text(avg["srcc_p_exact"]), iv["srcc"]["lower"], mspd_text(avg["mspd"])))
        print("  %-20s %s" % (name, " | ".join(cells)))
    passed = sum(1 for g in gates if g["passed"])
    print("  gates recorded: %d, passed %d" % (len(gates), passed))
    for g in gates:
        if not g["passed"]:
            print("  FAILED: %s %s" % (g["experiment"], g["test"]))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    experiments, gates = load(sys.argv[1])
    missing = [n + s for n in DATASETS for _, s in MODES if n + s not in experiments]
    if missing:
        print("seed-study-figures: %s has no experiment %s (run example 06 with the SG4NLP data)" % (sys.argv[1], ", ".join(missing)),
              file=sys.stderr)
        return 1
    for mode, suffix in MODES:
        print("### %s mode: the average\n" % mode.capitalize())
        headline_table(experiments, suffix)
        print()
    for mode, suffix in MODES:
        print("SRCC (exact p) [95%% CI], %s mode:\n" % mode)
        per_generator_srcc(experiments, suffix)
        print()
    for mode, suffix in MODES:
        print("MSPD, %s mode:\n" % mode)
        per_generator_mspd(experiments, suffix)
        print()
    conclusions(experiments)
    print()
    other_metrics(experiments)
    print()
    datasets(experiments)
    print()
    gates_table(experiments, gates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
