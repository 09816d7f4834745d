#!/usr/bin/env python3
"""Independent check of bibscope's co-authorship metrics with networkx.

usage: graph_nx_check.py EXPORT_DIR
EXPORT_DIR holds g.graphml, g.csv / g-nodes.csv, g.gexf and g.vos /
g-network.vos written by `bibscope export graph`.  Degree, strength,
PageRank, betweenness, harmonic centrality, eigenvector centrality,
clustering, coreness and the
modularity of bibscope's Leiden partition are recomputed with networkx and
compared; the GEXF and GraphML files must be well-formed XML and the
VOSviewer files must have the documented columns.
"""
import csv
import math
import sys
import xml.dom.minidom

import networkx as nx

d = sys.argv[1]
fail = 0


def check(name, ok, detail=""):
    global fail
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""))
    if not ok:
        fail = 1


def close(a, b, rel=1e-6, abs_=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


xml.dom.minidom.parse(d + "/g.gexf")
xml.dom.minidom.parse(d + "/g.graphml")
check("gexf and graphml are well-formed XML", True)

# the graph from the CSV edge list (independent of igraph's GraphML writer)
nodes = {r["id"]: r for r in csv.DictReader(open(d + "/g-nodes.csv", encoding="utf-8"))}
G = nx.Graph()
G.add_nodes_from(nodes)
for r in csv.DictReader(open(d + "/g.csv", encoding="utf-8")):
    G.add_edge(r["source"], r["target"], weight=float(r["weight"]), joint=float(r["joint_papers"]))
check("same graph in GraphML", nx.read_graphml(d + "/g.graphml").number_of_edges() == G.number_of_edges(),
      "%d authors, %d edges" % (G.number_of_nodes(), G.number_of_edges()))

n = G.number_of_nodes()
deg = dict(G.degree())
strength = dict(G.degree(weight="weight"))


def pagerank(G, alpha=0.85, iters=1000):
    """Power iteration; dangling (isolated) authors spread uniformly."""
    nodes_ = list(G)
    x = {v: 1.0 / len(nodes_) for v in nodes_}
    for _ in range(iters):
        dangling = sum(x[v] for v in nodes_ if strength[v] == 0)
        y = {v: (1 - alpha) / len(nodes_) + alpha * dangling / len(nodes_) for v in nodes_}
        for u, v, w in G.edges(data="weight"):
            y[v] += alpha * x[u] * w / strength[u]
            y[u] += alpha * x[v] * w / strength[v]
        if sum(abs(y[v] - x[v]) for v in nodes_) < 1e-14:
            return y
        x = y
    return x


pr = pagerank(G)
btw = nx.betweenness_centrality(G, normalized=False)
harm = nx.harmonic_centrality(G)
clus = nx.clustering(G)
core = nx.core_number(G)
# eigenvector centrality: networkx iterates on A + I as bibscope does; both
# scaled to a maximum of 1
eig = nx.eigenvector_centrality(G, max_iter=100000, tol=1e-14, weight="weight")
eig_max = max(eig.values()) or 1.0


def compare(label, ours, theirs, rel=1e-6, abs_=1e-9):
    bad = [v for v in G if not close(float(nodes[v][ours]), theirs(v), rel, abs_)]
    check(label, not bad, "%d authors" % n if not bad else
          "%d differ, e.g. %s: bibscope %s, networkx %s" % (len(bad), nodes[bad[0]]["name"], nodes[bad[0]][ours], theirs(bad[0])))


compare("degree", "degree", lambda v: deg[v])
compare("strength", "strength", lambda v: strength[v])
compare("pagerank", "pagerank", lambda v: pr[v], rel=1e-5)
compare("betweenness (exact)", "betweenness", lambda v: btw[v])
compare("harmonic centrality (normalised by n-1)", "harmonic", lambda v: harm[v] / (n - 1))
compare("local clustering", "clustering", lambda v: clus[v])
compare("coreness", "coreness", lambda v: core[v])
compare("eigenvector centrality (scaled to max 1)", "eigenvector", lambda v: eig[v] / eig_max, rel=1e-7, abs_=1e-9)

# modularity of bibscope's partition, recomputed by networkx
parts = {}
for v, r in nodes.items():
    parts.setdefault(r["community"], set()).add(v)
q = nx.algorithms.community.modularity(G, parts.values(), weight="weight")
stored = float(open(d + "/modularity.txt").read())
check("modularity", close(q, stored, 1e-6), "networkx %.6f, bibscope %.6f" % (q, stored))

# VOSviewer: map file columns and a network line per edge
rows = list(csv.reader(open(d + "/g.vos", encoding="utf-8"), delimiter="\t"))
check("vosviewer map header", rows[0][:3] == ["id", "label", "cluster"] and
      all(c.startswith(("weight<", "score<")) for c in rows[0][3:]), "\t".join(rows[0]))
net = [l.split("\t") for l in open(d + "/g-network.vos", encoding="utf-8").read().splitlines()]
check("vosviewer network", len(net) == G.number_of_edges() and all(len(x) == 3 for x in net))
sys.exit(fail)
