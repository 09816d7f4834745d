#include "analysis/graph/csr.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

void bs_csr_build(const igraph_t *G, bs_csr *c)
{
	igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
	int32_t *fill;

	c->off = bs_xcalloc((size_t)n + 1, sizeof *c->off);
	c->nbr = bs_xmalloc((size_t)(2 * m + 1) * sizeof *c->nbr);
	for (igraph_integer_t e = 0; e < m; e++) {
		c->off[IGRAPH_FROM(G, e) + 1]++;
		c->off[IGRAPH_TO(G, e) + 1]++;
	}
	for (igraph_integer_t v = 0; v < n; v++)
		c->off[v + 1] += c->off[v];
	fill = bs_xmalloc(((size_t)n + 1) * sizeof *fill);
	memcpy(fill, c->off, ((size_t)n + 1) * sizeof *fill);
	for (igraph_integer_t e = 0; e < m; e++) {
		igraph_integer_t a = IGRAPH_FROM(G, e), b = IGRAPH_TO(G, e);
		c->nbr[fill[a]++] = (int32_t)b;
		c->nbr[fill[b]++] = (int32_t)a;
	}
	free(fill);
}

void bs_csr_release(bs_csr *c)
{
	free(c->off);
	free(c->nbr);
	c->off = c->nbr = NULL;
}

int32_t bs_csr_bfs(const bs_csr *c, int32_t src, int32_t *dist, int32_t *queue)
{
	int32_t head = 0, tail = 0;

	dist[src] = 0;
	queue[tail++] = src;
	while (head < tail) {
		int32_t u = queue[head++];
		for (int32_t i = c->off[u]; i < c->off[u + 1]; i++) {
			int32_t w = c->nbr[i];
			if (dist[w] < 0) {
				dist[w] = dist[u] + 1;
				queue[tail++] = w;
			}
		}
	}
	return tail;
}

/* Neighbours sit close in memory in this order: the shortest-path passes
 * touch dist/sigma/delta of neighbours, and on a million vertices
 * locality decides the speed. */
void bs_csr_bfs_order(const bs_csr *c, int32_t n, int32_t *newid)
{
	int32_t *queue = bs_xmalloc((size_t)(n ? n : 1) * sizeof *queue);
	int32_t next = 0;

	for (int32_t i = 0; i < n; i++)
		newid[i] = -1;
	for (int32_t r = 0; r < n; r++) {
		int32_t head = next;
		if (newid[r] >= 0)
			continue;
		newid[r] = next;
		queue[next++] = r;
		while (head < next) {
			int32_t u = queue[head++];
			for (int32_t i = c->off[u]; i < c->off[u + 1]; i++)
				if (newid[c->nbr[i]] < 0) {
					newid[c->nbr[i]] = next;
					queue[next++] = c->nbr[i];
				}
		}
	}
	free(queue);
}

void bs_csr_dfs_order(const bs_csr *c, int32_t n, int32_t *order)
{
	int32_t *stack = bs_xmalloc((size_t)(n ? n : 1) * sizeof *stack);
	int32_t *cur = bs_xmalloc((size_t)(n ? n : 1) * sizeof *cur);
	char *seen = bs_xcalloc((size_t)(n ? n : 1), 1);
	int32_t next = 0;

	for (int32_t r = 0; r < n; r++) {
		int32_t top = 0;
		if (seen[r])
			continue;
		seen[r] = 1;
		order[next++] = r;
		cur[r] = c->off[r];
		stack[top++] = r;
		while (top > 0) {
			int32_t u = stack[top - 1];
			if (cur[u] == c->off[u + 1]) {
				top--;
				continue;
			}
			int32_t w = c->nbr[cur[u]++];
			if (!seen[w]) {
				seen[w] = 1;
				order[next++] = w;
				cur[w] = c->off[w];
				stack[top++] = w;
			}
		}
	}
	free(stack);
	free(cur);
	free(seen);
}
