package parser

import "strings"

// liftSep separates a lifted arc's own relation from the relation of its
// syntactic head in an encoded label ("obj|ccomp": an obj whose real head
// is the ccomp found below the linear head), Nivre & Nilsson's (2005)
// "Head" encoding.
const liftSep = "|"

// isProjectiveArc reports whether the arc into d (0-based heads, -1 for the
// root pseudo-node, indices 0..n-1) is projective: every token strictly
// between d and its head is dominated by the head.
func isProjectiveArc(heads []int, d int) bool {
	h := heads[d]
	lo, hi := h, d
	if d < h {
		lo, hi = d, h
	}
	for k := lo + 1; k < hi; k++ {
		if !dominates(heads, h, k) {
			return false
		}
	}
	return true
}

// dominates reports whether a is an ancestor of k (or k itself); a == -1
// is the artificial root, which dominates everything. Cycles end the walk.
func dominates(heads []int, a, k int) bool {
	if a < 0 {
		return true
	}
	for steps := 0; k >= 0 && steps <= len(heads); steps++ {
		if k == a {
			return true
		}
		k = heads[k]
	}
	return false
}

// Projectivize lifts non-projective arcs of a tree until it is projective,
// shortest arc first, as in Nivre & Nilsson (2005). heads are 0-based
// (-1 is the root) and labels the relations; both are modified in place.
// A lifted token's label becomes "rel|headrel" where headrel is the label
// of its original head, when encode(rel|headrel) is true; otherwise it
// keeps its plain label and the lift cannot be undone. It returns the
// number of tokens lifted and how many of them were encoded. Input that
// is not a tree (a cycle, a head out of range) is left untouched.
func Projectivize(heads []int, labels []string, encode func(string) bool) (lifted, encoded int) {
	n := len(heads)
	for i, h := range heads {
		if h < -1 || h >= n || h == i {
			return 0, 0
		}
	}
	for i := range heads {
		if !dominates(heads, -1, i) || !reachesRoot(heads, i) {
			return 0, 0
		}
	}
	orig := make([]int, n)
	copy(orig, heads)
	done := make([]bool, n)
	for iter := 0; iter < n*n+1; iter++ {
		best, bestLen := -1, n+2
		for d := 0; d < n; d++ {
			if heads[d] < 0 || isProjectiveArc(heads, d) {
				continue
			}
			l := d - heads[d]
			if l < 0 {
				l = -l
			}
			if l < bestLen {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			break
		}
		if !done[best] {
			done[best] = true
			lifted++
		}
		heads[best] = heads[heads[best]]
	}
	for d := 0; d < n; d++ {
		if !done[d] {
			continue
		}
		enc := labels[d] + liftSep + labels[orig[d]]
		if encode == nil || encode(enc) {
			labels[d] = enc
			encoded++
		}
	}
	return lifted, encoded
}

func reachesRoot(heads []int, i int) bool {
	for steps := 0; steps <= len(heads); steps++ {
		if i < 0 {
			return true
		}
		i = heads[i]
	}
	return false
}

// Deprojectivize undoes Projectivize's encoded lifts: a token labelled
// "rel|headrel" is moved, top-down, to the first token labelled headrel
// found breadth-first among the descendants of its current head (outside
// its own subtree), and relabelled rel. When no such token exists it keeps
// its head and takes the label rel. heads are 0-based (-1 is the root).
func Deprojectivize(heads []int, labels []string) {
	n := len(heads)
	if n == 0 {
		return
	}
	children := make([][]int, n+1) // index n is the root
	for d, h := range heads {
		if h < 0 {
			h = n
		}
		if h >= 0 && h <= n {
			children[h] = append(children[h], d)
		}
	}
	// Top-down (breadth-first) order from the root.
	order := make([]int, 0, n)
	queue := []int{n}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x != n {
			order = append(order, x)
		}
		queue = append(queue, children[x]...)
	}
	for _, d := range order {
		rel, headRel, ok := strings.Cut(labels[d], liftSep)
		if !ok {
			continue
		}
		labels[d] = rel
		h := heads[d]
		if h < 0 {
			continue
		}
		// Breadth-first search below h, skipping d's subtree.
		kids := func(x int) []int {
			var out []int
			for k, hk := range heads {
				if hk == x && k != d {
					out = append(out, k)
				}
			}
			return out
		}
		q := kids(h)
		found := -1
		for len(q) > 0 && found < 0 {
			x := q[0]
			q = q[1:]
			base, _, _ := strings.Cut(labels[x], liftSep)
			if base == headRel {
				found = x
				break
			}
			q = append(q, kids(x)...)
		}
		if found >= 0 {
			heads[d] = found
		}
	}
}
