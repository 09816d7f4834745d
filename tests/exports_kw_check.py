#!/usr/bin/python3
"""Open every export of a keyword co-occurrence network in the programs
that consume it, and check it against the keywords of the raw file.

usage: exports_kw_check.py DIR SCHEMAS WOS_FILE MIN_OCC
DIR holds g.csv / g-nodes.csv, g.gexf, g.graphml, g.pajek, g.vos /
g-network.vos / g.json written by `bibscope export graph --network keywords
--min-occurrences MIN_OCC` from a store holding WOS_FILE alone (a WoS
tab-delimited file, one record a paper).  The expected network is computed
here from the file's DE fields: keywords keyed as bs_text_key does, a
paper's key once, nodes the keys of at least MIN_OCC papers, an edge per
pair of them sharing a paper, weighted by the papers sharing it.
Readers: networkx (GEXF, GraphML, Pajek), python-igraph (Pajek, GraphML),
pandas (VOSviewer files), json, xmllint with the GEXF 1.2draft RELAX NG
grammar and the GraphML XSD.
"""
import csv
import json
import os
import re
import subprocess
import sys
from itertools import combinations

import igraph as ig
import networkx as nx
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bs_textkey import text_key   # noqa: E402

csv.field_size_limit(1 << 30)


d, schemas, wos, min_occ = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
papers, spell = [], {}
with open(wos, encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        # the reader drops WoS's inline markup (<italic>RSSI</italic>)
        kws = [re.sub(r"</?[A-Za-z]+>", "", k).strip() for k in (row.get("DE") or "").split(";")]
        papers.append({text_key(k) for k in kws} - {""})
        for k in kws:
            spell.setdefault(text_key(k), {}).setdefault(k, 0)
            spell[text_key(k)][k] += 1
occ = {}
for keys in papers:
    for k in keys:
        occ[k] = occ.get(k, 0) + 1
keep = sorted(k for k, c in occ.items() if c >= min_occ)
idx = {k: i for i, k in enumerate(keep)}
want = {}
for keys in papers:
    for a, b in combinations(sorted(idx[k] for k in keys if k in idx), 2):
        want[(a, b)] = want.get((a, b), 0) + 1
n, m = len(keep), len(want)
print("     expected from %s: %d papers, %d keywords with >= %d papers, %d links"
      % (os.path.basename(wos), len(papers), n, min_occ, m))
fail = 0


def check(name, ok, detail=""):
    global fail
    print(("ok   " if ok else "FAIL ") + name + (": " + str(detail) if detail != "" else ""))
    if not ok:
        fail = 1


def attempt(name, fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any reader error is the finding
        check(name, False, "%s: %s" % (type(e).__name__, str(e)[:200]))
        return None


def p(name):
    return os.path.join(d, name)


def same(got, what):
    bad = [k for k in want if got.get(k) != want[k]]
    check(what, not bad and len(got) == m, "%d of %d differ%s" % (len(bad), m, ", e.g. %s" % (bad[0],) if bad
                                                                   else ""))


def xmllint(args, path):
    r = subprocess.run(["xmllint", "--nonet", "--noout"] + args + [path], capture_output=True, text=True)
    return r.returncode == 0, (r.stderr.strip().splitlines() or [""])[-1][:200]


# the CSV files: ids are the keys in order
nodes = list(csv.DictReader(open(p("g-nodes.csv"), encoding="utf-8", newline="")))
check("CSV nodes: the keys of >= %d papers, in key order" % min_occ, [r["key"] for r in nodes] == keep,
      "%d nodes" % len(nodes))
check("CSV nodes: occurrences", all(int(r["occurrences"]) == occ[r["key"]] for r in nodes))
same({tuple(sorted((int(r["source"]), int(r["target"])))): int(r["weight"])
      for r in csv.DictReader(open(p("g.csv"), encoding="utf-8", newline=""))}, "CSV edges and weights")
# a keyword's label: its most frequent spelling, ties the bytewise smallest
labels = [min(spell[k].items(), key=lambda sc: (-sc[1], sc[0].encode()))[0] for k in keep]

ok, msg = xmllint(["--relaxng", os.path.join(schemas, "gexf-1.2draft/gexf.rng")], p("g.gexf"))
check("GEXF valid against the 1.2draft RELAX NG grammar", ok, msg)
G = attempt("networkx read_gexf", lambda: nx.read_gexf(p("g.gexf")))
if G is not None:
    check("networkx read_gexf: nodes and links", (G.number_of_nodes(), G.number_of_edges()) == (n, m),
          "%d, %d" % (G.number_of_nodes(), G.number_of_edges()))
    same({tuple(sorted((int(a), int(b)))): w for a, b, w in G.edges(data="weight")}, "networkx read_gexf: weights")
    check("networkx read_gexf: occurrences are integers and right",
          all(G.nodes[str(i)]["occurrences"] == occ[keep[i]] and isinstance(G.nodes[str(i)]["occurrences"], int)
              for i in range(n)))
    bad = [(G.nodes[str(i)]["label"], labels[i]) for i in range(n) if G.nodes[str(i)]["label"] != labels[i]]
    check("networkx read_gexf: labels", not bad, bad[:2] if bad else labels)

ok, msg = xmllint(["--schema", os.path.join(schemas, "graphml-1.0/graphml.xsd")], p("g.graphml"))
check("GraphML valid against the GraphML 1.0 XSD", ok, msg)
G = attempt("networkx read_graphml", lambda: nx.read_graphml(p("g.graphml")))
if G is not None:
    check("networkx read_graphml: nodes and links", (G.number_of_nodes(), G.number_of_edges()) == (n, m),
          "%d, %d" % (G.number_of_nodes(), G.number_of_edges()))
    same({tuple(sorted((int(a[1:]), int(b[1:])))): w for a, b, w in G.edges(data="weight")},
         "networkx read_graphml: weights")
    bad = [i for i in range(n) if (G.nodes["n%d" % i]["key"], G.nodes["n%d" % i]["label"],
                                   G.nodes["n%d" % i]["occurrences"]) != (keep[i], labels[i], occ[keep[i]])]
    check("networkx read_graphml: keys, labels, integer occurrences", not bad,
          [G.nodes["n%d" % i] for i in bad[:1]] if bad else "%d nodes" % n)
H = attempt("igraph Read_GraphML", lambda: ig.Graph.Read_GraphML(p("g.graphml")))
if H is not None:
    check("igraph Read_GraphML: nodes and links", (H.vcount(), H.ecount()) == (n, m))

H = attempt("igraph Read_Pajek", lambda: ig.Graph.Read_Pajek(p("g.pajek")))
if H is not None:
    same({tuple(sorted(e.tuple)): int(e["weight"]) for e in H.es}, "igraph Read_Pajek: weights")
    exp = [re.sub(r"[\t\n\r]", " ", s.replace('"', "'")) for s in labels]
    check("igraph Read_Pajek: labels ('\"' as \"'\")", list(H.vs["id"]) == exp,
          [(a, b) for a, b in zip(H.vs["id"], exp) if a != b][:2])
G = attempt("networkx read_pajek", lambda: nx.read_pajek(p("g.pajek")))
if G is not None:
    check("networkx read_pajek: nodes and links", (G.number_of_nodes(), len(G.edges())) == (n, m),
          "%d, %d" % (G.number_of_nodes(), len(G.edges())))

vmap = attempt("pandas: VOSviewer map file", lambda: pd.read_csv(
    p("g.vos"), sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, na_values=[""], encoding="utf-8"))
if vmap is not None:
    check("VOSviewer map: columns", list(vmap.columns)[:3] == ["id", "label", "weight<Occurrences>"],
          "\t".join(vmap.columns))
    check("VOSviewer map: ids 1..n and occurrences", list(vmap["id"]) == list(range(1, n + 1))
          and list(vmap["weight<Occurrences>"]) == [occ[k] for k in keep])
vnet = attempt("pandas: VOSviewer network file", lambda: pd.read_csv(
    p("g-network.vos"), sep="\t", header=None, names=["a", "b", "s"]))
if vnet is not None:
    same({tuple(sorted((a - 1, b - 1))): s for a, b, s in zip(vnet["a"], vnet["b"], vnet["s"])},
         "VOSviewer network: strengths")
js = attempt("json: VOSviewer Online file", lambda: json.load(open(p("g.json"), encoding="utf-8")))
if js is not None:
    items, links = js["network"]["items"], js["network"]["links"]
    check("VOSviewer JSON: items", [(it["id"], it["weights"]["Occurrences"]) for it in items]
          == [(i + 1, occ[k]) for i, k in enumerate(keep)])
    same({tuple(sorted((l["source_id"] - 1, l["target_id"] - 1))): l["strength"] for l in links},
         "VOSviewer JSON: links")
sys.exit(fail)
