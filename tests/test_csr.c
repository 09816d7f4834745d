/* csr.h: the flat adjacency and its traversals on a graph of three
 * components: 0-1 with the triangle 1-2-6, the edge 3-4, the isolated
 * vertex 5. */
#include "test.h"
#include "analysis/graph/csr.h"

static void make_graph(igraph_t *g)
{
	igraph_vector_int_t e;
	igraph_integer_t ends[] = {0, 1, 1, 2, 2, 6, 1, 6, 3, 4};

	igraph_vector_int_init_array(&e, ends, 10);
	igraph_create(g, &e, 7, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&e);
}

static void test_build_release(const igraph_t *g)
{
	bs_csr c;

	bs_csr_build(g, &c);
	CHECK_INT(c.off[0], 0);
	CHECK_INT(c.off[7], 10);                 /* every edge both ways */
	CHECK_INT(c.off[2] - c.off[1], 3);       /* deg(1) = 3 */
	CHECK_INT(c.off[6] - c.off[5], 0);       /* 5 is isolated */
	/* neighbours in edge order */
	CHECK_INT(c.nbr[c.off[1]], 0);
	CHECK_INT(c.nbr[c.off[1] + 1], 2);
	CHECK_INT(c.nbr[c.off[1] + 2], 6);
	bs_csr_release(&c);
	CHECK(c.off == NULL && c.nbr == NULL);
	bs_csr_release(&c);                      /* safe twice */
}

static void test_bfs(const igraph_t *g)
{
	bs_csr c;
	int32_t dist[7], queue[7], reached;

	bs_csr_build(g, &c);
	for (int i = 0; i < 7; i++)
		dist[i] = -1;
	reached = bs_csr_bfs(&c, 0, dist, queue);
	CHECK_INT(reached, 4);                   /* 0, 1, 2, 6 */
	CHECK_INT(queue[0], 0);
	CHECK_INT(dist[0], 0);
	CHECK_INT(dist[1], 1);
	CHECK_INT(dist[2], 2);
	CHECK_INT(dist[6], 2);
	CHECK_INT(dist[3], -1);
	for (int32_t i = 0; i < reached; i++)
		dist[queue[i]] = -1;
	reached = bs_csr_bfs(&c, 5, dist, queue);
	CHECK_INT(reached, 1);
	CHECK_INT(queue[0], 5);
	bs_csr_release(&c);
}

static void test_orders(const igraph_t *g)
{
	bs_csr c;
	int32_t newid[7], order[7];
	const int32_t bfs_want[7] = {0, 1, 2, 4, 5, 6, 3};   /* newid[old] */
	const int32_t dfs_want[7] = {0, 1, 2, 6, 3, 4, 5};   /* preorder */

	bs_csr_build(g, &c);
	bs_csr_bfs_order(&c, 7, newid);
	for (int i = 0; i < 7; i++)
		CHECK_INT(newid[i], bfs_want[i]);
	bs_csr_dfs_order(&c, 7, order);
	for (int i = 0; i < 7; i++)
		CHECK_INT(order[i], dfs_want[i]);
	bs_csr_release(&c);
}

int main(void)
{
	igraph_t g;

	make_graph(&g);
	test_build_release(&g);
	test_bfs(&g);
	test_orders(&g);
	igraph_destroy(&g);
	return test_done("csr");
}
