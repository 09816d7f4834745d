#!/usr/bin/python3
"""Open every export of one graph in the programs that consume it.

usage: exports_check.py DIR SCHEMAS [CLUSTERS]
DIR holds g.csv / g-nodes.csv (bibscope's own view of the graph: the
reference), g.gexf, g.graphml, g.pajek, g.vos / g-network.vos / g.json.
SCHEMAS is tests/schemas.  CLUSTERS, when given, is the number of VOSviewer
clusters expected.

Readers: networkx (GEXF, GraphML, Pajek), python-igraph (GraphML and Pajek
directly, GEXF and GraphML through networkx), pandas (VOSviewer map and
network files), json (VOSviewer Online), xmllint with the GEXF 1.2draft
RELAX NG grammar, the GEXF 1.2draft and 1.3 XSDs and the GraphML XSD.
Each must see the authors and links of the CSV files, their weights, and
the counts (papers, degree, coreness, component, community) as integers.
"""
import csv
import json
import math
import os
import re
import subprocess
import sys

import igraph as ig
import networkx as nx
import pandas as pd

d, schemas = sys.argv[1], sys.argv[2]
want_clusters = int(sys.argv[3]) if len(sys.argv) > 3 else None
fail = 0
INTS = ["papers", "degree", "coreness", "component", "community"]


def check(name, ok, detail=""):
    global fail
    print(("ok   " if ok else "FAIL ") + name + (": " + str(detail) if detail != "" else ""))
    if not ok:
        fail = 1


def attempt(name, fn):
    """fn() or None, a failure when it raises (the reader rejects the file)"""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any reader error is the finding
        check(name, False, "%s: %s" % (type(e).__name__, str(e)[:200]))
        return None


def p(name):
    return os.path.join(d, name)


def xmllint(args, path):
    r = subprocess.run(["xmllint", "--nonet", "--noout"] + args + [path], capture_output=True, text=True)
    return r.returncode == 0, (r.stderr.strip().splitlines() or [""])[-1][:200]


# the reference: bibscope's CSV export
nodes = {int(r["id"]): r for r in csv.DictReader(open(p("g-nodes.csv"), encoding="utf-8", newline=""))}
edges = {}
for r in csv.DictReader(open(p("g.csv"), encoding="utf-8", newline="")):
    a, b = sorted((int(r["source"]), int(r["target"])))
    edges[(a, b)] = float(r["weight"])
n, m = len(nodes), len(edges)
print("     reference (CSV): %d authors, %d links" % (n, m))


def same_weights(get):
    """get() -> {(a, b): weight} by 0-based ids"""
    w = get()
    bad = [k for k in edges if k not in w or not math.isclose(w[k], edges[k], rel_tol=1e-6)]
    return not bad and len(w) == m, "%d of %d differ%s" % (len(bad), m, ", e.g. %s" % (bad[0],) if bad else "")


def int_typed(G, what):
    bad = [(k, type(v).__name__) for _, a in G.nodes(data=True) for k, v in a.items()
           if k in INTS and not isinstance(v, int)]
    missing = [k for k in INTS if G.number_of_nodes() and k not in next(iter(G.nodes.values()))]
    check(what + ": counts are integers", not bad and not missing,
          "%s" % (bad[:1] or missing) if bad or missing else ", ".join(INTS))


def papers_match(get, what):
    bad = [i for i in nodes if int(get(i)) != int(nodes[i]["papers"]) or get(i) != int(get(i))]
    check(what + ": papers per author", not bad, "%d differ" % len(bad) if bad else "%d authors" % n)


# ---------------------------------------------------------------- GEXF
ok, msg = xmllint(["--relaxng", os.path.join(schemas, "gexf-1.2draft/gexf.rng")], p("g.gexf"))
check("GEXF valid against the 1.2draft RELAX NG grammar (viz included)", ok, msg)
# the published XSDs place the viz elements in the wrong namespace (their
# generator lost RELAX NG's `inherit = viz`): they check the rest
text = open(p("g.gexf"), encoding="utf-8").read()
bare = re.sub(r"\s*<viz:[^>]*/>", "", text)
open(p("bare12.gexf"), "w", encoding="utf-8").write(bare)
open(p("bare13.gexf"), "w", encoding="utf-8").write(
    bare.replace("http://www.gexf.net/1.2draft", "http://gexf.net/1.3").replace('version="1.2"', 'version="1.3"'))
ok, msg = xmllint(["--schema", os.path.join(schemas, "gexf-1.2draft/gexf.xsd")], p("bare12.gexf"))
check("GEXF valid against the 1.2draft XSD", ok, msg)
ok, msg = xmllint(["--schema", os.path.join(schemas, "gexf-1.3/gexf.xsd")], p("bare13.gexf"))
check("GEXF content valid against the 1.3 XSD (in its namespace)", ok, msg)

G = attempt("networkx read_gexf", lambda: nx.read_gexf(p("g.gexf")))
if G is not None:
    check("networkx read_gexf: authors and links", (G.number_of_nodes(), G.number_of_edges()) == (n, m),
          "%d, %d" % (G.number_of_nodes(), G.number_of_edges()))
    check("networkx read_gexf: weights", *same_weights(
        lambda: {tuple(sorted((int(a), int(b)))): w for a, b, w in G.edges(data="weight")}))
    int_typed(G, "networkx read_gexf")
    papers_match(lambda i: G.nodes[str(i)]["papers"], "networkx read_gexf")
    viz = [a.get("viz", {}) for _, a in G.nodes(data=True)]
    check("GEXF viz: colour, size and position for every author",
          all("color" in v and "size" in v and "position" in v for v in viz), "%d authors" % len(viz))
    if n > 1:
        pos = {(v["position"]["x"], v["position"]["y"]) for v in viz}
        check("GEXF viz: the layout spreads the authors", len(pos) > n // 2, "%d distinct positions" % len(pos))
    comm = {}
    for k, a in G.nodes(data=True):
        comm.setdefault(a["community"], set()).add(tuple(a["viz"]["color"][c] for c in "rgb"))
    check("GEXF viz: one colour per community", all(len(c) == 1 for c in comm.values()), "%d communities" % len(comm))
    H = attempt("igraph from networkx (GEXF)", lambda: ig.Graph.from_networkx(G))
    if H is not None:
        check("igraph via networkx (GEXF): authors, links, int papers",
              (H.vcount(), H.ecount()) == (n, m) and all(isinstance(x, int) for x in H.vs["papers"]),
              "%d, %d, %s" % (H.vcount(), H.ecount(), type(H.vs["papers"][0]).__name__ if n else "-"))

# ---------------------------------------------------------------- GraphML
ok, msg = xmllint(["--schema", os.path.join(schemas, "graphml-1.0/graphml.xsd")], p("g.graphml"))
check("GraphML valid against the GraphML 1.0 XSD", ok, msg)
G = attempt("networkx read_graphml", lambda: nx.read_graphml(p("g.graphml")))
names = {}
if G is not None:
    check("networkx read_graphml: authors and links", (G.number_of_nodes(), G.number_of_edges()) == (n, m),
          "%d, %d" % (G.number_of_nodes(), G.number_of_edges()))
    check("networkx read_graphml: weights", *same_weights(
        lambda: {tuple(sorted((int(a[1:]), int(b[1:])))): w for a, b, w in G.edges(data="weight")}))
    int_typed(G, "networkx read_graphml")
    papers_match(lambda i: G.nodes["n%d" % i]["papers"], "networkx read_graphml")
    names = {int(k[1:]): a["name"] for k, a in G.nodes(data=True)}
    H = attempt("igraph from networkx (GraphML)", lambda: ig.Graph.from_networkx(G))
    if H is not None:
        check("igraph via networkx (GraphML): int papers and communities",
              all(isinstance(x, int) for x in H.vs["papers"] + H.vs["community"]))
H = attempt("igraph Read_GraphML", lambda: ig.Graph.Read_GraphML(p("g.graphml")))
if H is not None:
    check("igraph Read_GraphML: authors and links", (H.vcount(), H.ecount()) == (n, m),
          "%d, %d" % (H.vcount(), H.ecount()))
    # igraph keeps every number as a double: the values must be whole
    papers_match(lambda i: H.vs[i]["papers"], "igraph Read_GraphML")

# ---------------------------------------------------------------- Pajek
H = attempt("igraph Read_Pajek", lambda: ig.Graph.Read_Pajek(p("g.pajek")))
if H is not None:
    check("igraph Read_Pajek: authors and links", (H.vcount(), H.ecount()) == (n, m),
          "%d, %d" % (H.vcount(), H.ecount()))
    check("igraph Read_Pajek: weights", *same_weights(
        lambda: {tuple(sorted(e.tuple)): e["weight"] for e in H.es}))
    if names:
        want = [re.sub(r"[\t\n\r]", " ", names[i].replace('"', "'")) for i in range(n)]
        bad = [i for i in range(n) if H.vs[i]["id"] != want[i]]
        check("igraph Read_Pajek: labels are the names ('\"' as \"'\")", not bad,
              "%r read as %r" % (want[bad[0]], H.vs[bad[0]]["id"]) if bad else "%d labels" % n)
G = attempt("networkx read_pajek", lambda: nx.read_pajek(p("g.pajek")))
if G is not None:
    check("networkx read_pajek: authors and links", (G.number_of_nodes(), G.number_of_edges()) == (n, m),
          "%d, %d" % (G.number_of_nodes(), G.number_of_edges()))

# ---------------------------------------------------------------- VOSviewer
vmap = attempt("pandas: VOSviewer map file", lambda: pd.read_csv(
    p("g.vos"), sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, na_values=[""], encoding="utf-8"))
if vmap is not None:
    cols = list(vmap.columns)
    check("VOSviewer map: columns", cols[:3] == ["id", "label", "cluster"] and "score<Avg. pub. year>" in cols
          and all(c.startswith(("weight<", "score<")) for c in cols[3:]), "\t".join(cols))
    check("VOSviewer map: one row per author", len(vmap) == n, len(vmap))
    cl = vmap["cluster"]
    k = int(cl.max()) if n else 0
    check("VOSviewer map: clusters are 1..k without gaps, k <= 1000",
          cl.dtype.kind == "i" and set(cl) == set(range(1, k + 1)) and k <= 1000, "k = %d" % k)
    if want_clusters is not None:
        check("VOSviewer map: %d clusters" % want_clusters, k == want_clusters, k)
    # a cluster is a community, except the shared last one
    by = {}
    for i, c in zip(vmap["id"], cl):
        by.setdefault(c, set()).add(nodes[i - 1]["community"])
    split = [c for c, s in by.items() if len(s) > 1 and c != 1000]
    check("VOSviewer map: a cluster is one community", not split, "%d mixed" % len(split))
    sizes = [int((cl == c).sum()) for c in range(1, min(k, 999) + 1)]
    check("VOSviewer map: cluster 1 the largest, sizes not increasing",
          all(a >= b for a, b in zip(sizes, sizes[1:])), sizes[:5])
    yr = vmap.get("score<Avg. pub. year>")
    if yr is not None:
        check("VOSviewer map: score<Avg. pub. year> numeric", yr.dtype.kind == "f" and
              all(1900 <= y <= 2100 for y in yr.dropna()), "%d of %d authors dated" % (yr.notna().sum(), n))
    docs = list(vmap["weight<Documents>"])
    check("VOSviewer map: weight<Documents> are the papers",
          docs == [int(nodes[i - 1]["papers"]) for i in vmap["id"]])
vnet = attempt("pandas: VOSviewer network file", lambda: pd.read_csv(
    p("g-network.vos"), sep="\t", header=None, names=["a", "b", "s"]))
if vnet is not None:
    check("VOSviewer network: one row per link", len(vnet) == m, len(vnet))
    check("VOSviewer network: strengths", *same_weights(
        lambda: {tuple(sorted((a - 1, b - 1))): s for a, b, s in zip(vnet["a"], vnet["b"], vnet["s"])}))
js = attempt("json: VOSviewer Online file", lambda: json.load(open(p("g.json"), encoding="utf-8")))
if js is not None:
    items, links = js["network"]["items"], js["network"]["links"]
    check("VOSviewer JSON: items and links", (len(items), len(links)) == (n, m), "%d, %d" % (len(items), len(links)))
    check("VOSviewer JSON: links' strengths", *same_weights(
        lambda: {tuple(sorted((l["source_id"] - 1, l["target_id"] - 1))): l["strength"] for l in links}))
    if vmap is not None:
        mc = dict(zip(vmap["id"], vmap["cluster"]))
        check("VOSviewer JSON: clusters as in the map file", all(it["cluster"] == mc[it["id"]] for it in items))
        my = dict(zip(vmap["id"], vmap.get("score<Avg. pub. year>", [math.nan] * n)))
        check("VOSviewer JSON: Avg. pub. year as in the map file",
              all(math.isclose(it["scores"]["Avg. pub. year"], my[it["id"]], abs_tol=0.006)
                  if "Avg. pub. year" in it["scores"] else math.isnan(my[it["id"]]) for it in items))
    check("VOSviewer JSON: integer ids, clusters, documents; x and y",
          all(isinstance(it["id"], int) and isinstance(it["cluster"], int)
              and isinstance(it["weights"]["Documents"], int)
              and isinstance(it.get("x"), float) and isinstance(it.get("y"), float) for it in items))
    if names:
        bad = [it for it in items if it["label"] != names[it["id"] - 1]
               and "\ufffd" not in names[it["id"] - 1]]
        check("VOSviewer JSON: labels are the names", not bad, bad[:1] if bad else "%d labels" % n)
sys.exit(fail)
