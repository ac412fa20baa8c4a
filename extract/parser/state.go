package parser

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/wordclass"
)

// Transitions of the arc-hybrid system (Kuhlmann et al. 2011) with the
// root pseudo-token 0 at the bottom of the stack. A labelled action is
// encoded as 0 = SHIFT, 1+2l = LEFT with label l, 2+2l = RIGHT with l.
const (
	shift = 0
	left  = 1
	right = 2
)

func actType(a int) int {
	if a == 0 {
		return shift
	}
	return 1 + (a-1)%2
}

func actLabel(a int) int { return (a - 1) / 2 }

func leftAct(l int) int  { return 1 + 2*l }
func rightAct(l int) int { return 2 + 2*l }

// state is a parser configuration plus the per-token feature hashes. It is
// reused between sentences to avoid allocation. Token indices run 0..n
// with 0 the root; index n+1 stands for "no token" in features.
type state struct {
	n     int
	stack []int32
	b     int32 // first buffer token; n+1 when the buffer is empty

	head  []int32
	label []int16
	lm1   []int32 // leftmost child, 0 for none
	lm2   []int32 // second leftmost
	rm1   []int32
	rm2   []int32
	nl    []int16
	nr    []int16
	lset  []uint64
	rset  []uint64

	tw, tt, tp, tsuf []uint64 // word, XPOS, UPOS, suffix hashes

	// Word clusters (set cl before reset): the classes of each token,
	// coarse to fine; unclustered words get a class of their own.
	cl            *wordclass.Table
	tc0, tc1, tc2 []uint64
	lower         []byte

	feats  []uint64
	jfeats []uint64
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

const (
	noneIdx = -1 // marker used before mapping to n+1
)

// reset prepares the state for sentence s.
func (st *state) reset(s *doc.Sentence) {
	n := len(s.Tokens)
	st.n = n
	m := n + 2
	st.stack = append(st.stack[:0], 0)
	st.b = 1
	if n == 0 {
		st.b = 1
	}
	st.head = grow(st.head, m)
	st.label = grow(st.label, m)
	st.lm1 = grow(st.lm1, m)
	st.lm2 = grow(st.lm2, m)
	st.rm1 = grow(st.rm1, m)
	st.rm2 = grow(st.rm2, m)
	st.nl = grow(st.nl, m)
	st.nr = grow(st.nr, m)
	st.lset = grow(st.lset, m)
	st.rset = grow(st.rset, m)
	st.tw = grow(st.tw, m)
	st.tt = grow(st.tt, m)
	st.tp = grow(st.tp, m)
	st.tsuf = grow(st.tsuf, m)
	if st.cl != nil {
		st.tc0 = grow(st.tc0, m)
		st.tc1 = grow(st.tc1, m)
		st.tc2 = grow(st.tc2, m)
		st.tc0[0], st.tc1[0], st.tc2[0] = 15, 16, 17
		st.tc0[n+1], st.tc1[n+1], st.tc2[n+1] = 25, 26, 27
	}
	for i := 0; i < m; i++ {
		st.head[i] = -1
		st.label[i] = -1
		st.lm1[i], st.lm2[i], st.rm1[i], st.rm2[i] = 0, 0, 0, 0
		st.nl[i], st.nr[i] = 0, 0
		st.lset[i], st.rset[i] = 0, 0
	}
	st.tw[0], st.tt[0], st.tp[0], st.tsuf[0] = 11, 12, 13, 14
	st.tw[n+1], st.tt[n+1], st.tp[n+1], st.tsuf[n+1] = 21, 22, 23, 24
	for i := range s.Tokens {
		t := &s.Tokens[i]
		st.tw[i+1] = wordHash(t.Text)
		x := t.XPOS
		if x == "" || x == "_" {
			x = t.UPOS
		}
		st.tt[i+1] = strHash(x) ^ 0x5151
		st.tp[i+1] = strHash(t.UPOS) ^ 0x7373
		st.tsuf[i+1] = suffixHash(t.Text)
		if st.cl != nil {
			st.lower = appendLower(st.lower[:0], t.Text)
			ids := st.cl.IDs[string(st.lower)]
			c := [3]uint64{31, 32, 33} // unclustered
			if k := len(ids); k > 0 {
				// Coarsest, middle and finest granularity.
				c = [3]uint64{uint64(ids[0]) + 100, uint64(ids[k/2]) + 10000, uint64(ids[k-1]) + 20000}
			}
			st.tc0[i+1], st.tc1[i+1], st.tc2[i+1] = c[0]*0x9E3779B1, c[1]*0x9E3779B1, c[2]*0x9E3779B1
		}
	}
}

// appendLower appends s lower-cased as strings.ToLower does, without
// allocating for ASCII.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return append(b[:0], strings.ToLower(s)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func (st *state) terminal() bool {
	return int(st.b) > st.n && len(st.stack) == 1
}

// legal reports whether the labelled action a may be applied; rootLabel is
// the id of the "root" relation.
func (st *state) legal(a int, rootLabel int) bool {
	bufNonEmpty := int(st.b) <= st.n
	switch actType(a) {
	case shift:
		return bufNonEmpty
	case left:
		return bufNonEmpty && len(st.stack) > 1 && actLabel(a) != rootLabel
	default:
		if len(st.stack) < 2 {
			return false
		}
		if st.stack[len(st.stack)-2] == 0 {
			return !bufNonEmpty && actLabel(a) == rootLabel
		}
		return actLabel(a) != rootLabel
	}
}

// typeLegal reports whether any action of the given type is legal.
func (st *state) typeLegal(t int) bool {
	bufNonEmpty := int(st.b) <= st.n
	switch t {
	case shift:
		return bufNonEmpty
	case left:
		return bufNonEmpty && len(st.stack) > 1
	default:
		if len(st.stack) < 2 {
			return false
		}
		if st.stack[len(st.stack)-2] == 0 {
			return !bufNonEmpty
		}
		return true
	}
}

func (st *state) apply(a int) {
	switch actType(a) {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
	case left:
		s0 := st.stack[len(st.stack)-1]
		st.stack = st.stack[:len(st.stack)-1]
		st.addArc(st.b, s0, actLabel(a))
	default:
		s0 := st.stack[len(st.stack)-1]
		s1 := st.stack[len(st.stack)-2]
		st.stack = st.stack[:len(st.stack)-1]
		st.addArc(s1, s0, actLabel(a))
	}
}

func (st *state) addArc(h, d int32, l int) {
	st.head[d] = h
	st.label[d] = int16(l)
	if d < h {
		st.nl[h]++
		st.lset[h] |= 1 << (uint(l) & 63)
		if st.lm1[h] == 0 || d < st.lm1[h] {
			st.lm2[h] = st.lm1[h]
			st.lm1[h] = d
		} else if st.lm2[h] == 0 || d < st.lm2[h] {
			st.lm2[h] = d
		}
	} else {
		st.nr[h]++
		st.rset[h] |= 1 << (uint(l) & 63)
		if st.rm1[h] == 0 || d > st.rm1[h] {
			st.rm2[h] = st.rm1[h]
			st.rm1[h] = d
		} else if st.rm2[h] == 0 || d > st.rm2[h] {
			st.rm2[h] = d
		}
	}
}

// Hashing helpers: FNV-1a over bytes, then integer mixing for conjunctions.

const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func strHash(s string) uint64 {
	h := uint64(fnvOff)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// wordHash hashes the form lowercased (ASCII) with digits mapped to '0'.
func wordHash(s string) uint64 {
	h := uint64(fnvOff) ^ 0x77
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '0'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// suffixHash hashes the last three bytes of the lowercased form.
func suffixHash(s string) uint64 {
	if len(s) > 3 {
		s = s[len(s)-3:]
	}
	return wordHash(s) ^ 0x3333
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func f1(t, a uint64) uint64       { return mix(t*0x9E3779B97F4A7C15 ^ a) }
func f2(t, a, b uint64) uint64    { return mix(f1(t, a) ^ b*0xc2b2ae3d27d4eb4f) }
func f3(t, a, b, c uint64) uint64 { return mix(f2(t, a, b) ^ c*0x165667b19e3779f9) }

func distBucket(d int) uint64 {
	switch {
	case d <= 0:
		return 0
	case d <= 5:
		return uint64(d)
	case d <= 7:
		return 6
	case d <= 10:
		return 7
	case d <= 15:
		return 8
	default:
		return 9
	}
}

// features fills st.feats (transition model) and st.jfeats (labelled
// model) for the current configuration without allocating.
func (st *state) features(richJoint, coarse, labelCtx bool) {
	clu := st.cl != nil
	n := int32(st.n)
	none := n + 1
	sp := len(st.stack)
	s0, s1, s2 := none, none, none
	if sp >= 1 {
		s0 = st.stack[sp-1]
	}
	if sp >= 2 {
		s1 = st.stack[sp-2]
	}
	if sp >= 3 {
		s2 = st.stack[sp-3]
	}
	b0, b1, b2 := none, none, none
	if st.b <= n {
		b0 = st.b
	}
	if st.b+1 <= n {
		b1 = st.b + 1
	}
	if st.b+2 <= n {
		b2 = st.b + 2
	}
	ch := func(x int32) int32 {
		if x == 0 {
			return none
		}
		return x
	}
	s0l, s0l2, s0r, s0r2 := ch(st.lm1[s0]), ch(st.lm2[s0]), ch(st.rm1[s0]), ch(st.rm2[s0])
	s1l, s1r := ch(st.lm1[s1]), ch(st.rm1[s1])
	b0l, b0l2 := ch(st.lm1[b0]), ch(st.lm2[b0])
	w, t, p := st.tw, st.tt, st.tp
	lab := func(x int32) uint64 { return uint64(st.label[x] + 2) }

	var d01 uint64 // distance s0-b0
	if s0 != none && b0 != none {
		d01 = distBucket(int(b0 - s0))
	}
	var d10 uint64 // distance s1-s0
	if s1 != none && s0 != none {
		d10 = distBucket(int(s0 - s1))
	}

	f := st.feats[:0]
	k := uint64(0)
	next := func() uint64 { k++; return k }
	f = append(f, f1(next(), 1))
	// Unigrams.
	for _, x := range [...]int32{s0, s1, b0, b1} {
		f = append(f, f1(next(), w[x]), f1(next(), t[x]), f2(next(), w[x], t[x]), f1(next(), p[x]))
	}
	f = append(f, f1(next(), w[s2]), f1(next(), t[s2]), f1(next(), w[b2]), f1(next(), t[b2]))
	f = append(f, f1(next(), st.tsuf[s0]), f1(next(), st.tsuf[b0]))
	// Pairs.
	f = append(f,
		f3(next(), w[s0], t[s0], w[b0]^t[b0]*7),
		f3(next(), w[s0], t[s0], w[b0]),
		f3(next(), w[s0], w[b0], t[b0]),
		f3(next(), w[s0], t[s0], t[b0]),
		f3(next(), t[s0], w[b0], t[b0]),
		f2(next(), w[s0], w[b0]),
		f2(next(), t[s0], t[b0]),
		f2(next(), t[b0], t[b1]),
		f2(next(), t[s1], t[s0]),
		f2(next(), w[s1], w[s0]),
		f3(next(), w[s1], t[s1], t[s0]),
		f3(next(), t[s1], w[s0], t[s0]),
		f3(next(), w[s1], t[s1], w[s0]^t[s0]*7),
		f2(next(), t[s1], t[b0]),
		f2(next(), w[s1], w[b0]),
		f2(next(), w[s1], t[b0]),
		f2(next(), t[s1], w[b0]),
		f2(next(), w[b0], w[b1]),
		f2(next(), w[b0], t[b1]),
		f2(next(), t[b0], w[b1]),
	)
	// Trigrams of tags.
	f = append(f,
		f3(next(), t[b0], t[b1], t[b2]),
		f3(next(), t[s0], t[b0], t[b1]),
		f3(next(), t[s1], t[s0], t[b0]),
		f3(next(), t[s2], t[s1], t[s0]),
		f3(next(), t[s1], t[s0], t[b1]),
		f3(next(), t[s0], t[s0l], t[b0]),
		f3(next(), t[s0], t[s0r], t[b0]),
		f3(next(), t[s0], t[b0], t[b0l]),
		f3(next(), t[s1], t[s1l], t[s0]),
		f3(next(), t[s1], t[s1r], t[s0]),
		f3(next(), t[s1], t[s0], t[s0l]),
		f3(next(), t[s1], t[s0], t[s0r]),
		f3(next(), t[s2], t[s1], t[b0]),
	)
	// Distance.
	f = append(f,
		f2(next(), w[s0], d01), f2(next(), t[s0], d01),
		f2(next(), w[b0], d01), f2(next(), t[b0], d01),
		f3(next(), w[s0], w[b0], d01), f3(next(), t[s0], t[b0], d01),
		f3(next(), t[s1], t[s0], d10), f2(next(), w[s1], d10), f2(next(), w[s0], d10),
	)
	// Valency.
	vl := func(x int32) uint64 { return uint64(st.nl[x]) }
	vr := func(x int32) uint64 { return uint64(st.nr[x]) }
	f = append(f,
		f2(next(), w[s0], vr(s0)), f2(next(), t[s0], vr(s0)),
		f2(next(), w[s0], vl(s0)), f2(next(), t[s0], vl(s0)),
		f2(next(), w[b0], vl(b0)), f2(next(), t[b0], vl(b0)),
		f2(next(), t[s1], vl(s1)), f2(next(), t[s1], vr(s1)),
	)
	// Children (second order).
	for _, x := range [...]int32{s0l, s0r, b0l, s1l, s1r} {
		f = append(f, f1(next(), w[x]), f1(next(), t[x]), f1(next(), lab(x)))
	}
	// Third order.
	for _, x := range [...]int32{s0l2, s0r2, b0l2} {
		f = append(f, f1(next(), w[x]), f1(next(), t[x]), f1(next(), lab(x)))
	}
	f = append(f,
		f3(next(), t[s0], lab(s0l), lab(s0l2)),
		f3(next(), t[s0], lab(s0r), lab(s0r2)),
		f3(next(), t[b0], lab(b0l), lab(b0l2)),
		f3(next(), t[s0], t[s0l], t[s0l2]),
		f3(next(), t[s0], t[s0r], t[s0r2]),
		f3(next(), t[b0], t[b0l], t[b0l2]),
		f2(next(), t[s0], lab(s0l)),
		f2(next(), t[s0], lab(s0r)),
		f2(next(), t[b0], lab(b0l)),
		f3(next(), w[s0], lab(s0l), lab(s0r)),
	)
	// Label sets.
	f = append(f,
		f2(next(), t[s0], st.lset[s0]), f2(next(), t[s0], st.rset[s0]),
		f2(next(), t[b0], st.lset[b0]), f2(next(), t[s1], st.rset[s1]),
		f2(next(), t[s1], st.lset[s1]),
		f2(next(), w[s0], st.rset[s0]), f2(next(), w[b0], st.lset[b0]),
	)
	if coarse {
		// Universal-tag and suffix conjunctions: a tagging error inside
		// one coarse class (VBD for VBN, NN for NNP) leaves them intact.
		k = 500
		f = append(f,
			f2(next(), p[s0], p[b0]),
			f2(next(), p[s1], p[s0]),
			f3(next(), p[s1], p[s0], p[b0]),
			f3(next(), p[s0], p[b0], p[b1]),
			f3(next(), w[s0], p[s0], p[b0]),
			f3(next(), p[s0], w[b0], p[b0]),
			f3(next(), p[s0], p[b0], d01),
			f3(next(), p[s1], p[s0], d10),
			f3(next(), p[s0], p[s0l], p[b0]),
			f3(next(), p[s0], p[b0], p[b0l]),
			f2(next(), st.tsuf[s0], t[b0]),
			f2(next(), t[s0], st.tsuf[b0]),
			f2(next(), st.tsuf[s0], st.tsuf[b0]),
		)
	}
	if clu {
		// Word clusters (Koo, Carreras & Collins 2008): the fine classes
		// stand in for words, the coarse ones for tags.
		c0, c1, c2 := st.tc0, st.tc1, st.tc2
		k = 700
		f = append(f,
			f1(next(), c2[s0]), f1(next(), c2[b0]), f1(next(), c2[b1]), f1(next(), c2[s1]),
			f1(next(), c1[s0]), f1(next(), c1[b0]),
			f2(next(), c2[s0], c2[b0]),
			f2(next(), c2[s0], t[b0]),
			f2(next(), t[s0], c2[b0]),
			f2(next(), c2[s1], c2[s0]),
			f2(next(), c2[s1], t[s0]),
			f2(next(), t[s1], c2[s0]),
			f3(next(), c1[s0], c1[b0], d01),
			f3(next(), c0[s0], c0[b0], c0[b1]),
			f3(next(), c0[s1], c0[s0], c0[b0]),
			f3(next(), c1[s0], t[s0l], c1[b0]),
			f3(next(), c1[s0], c1[b0], t[b0l]),
		)
	}
	st.feats = f

	// Labelled-action model: a compact set.
	j := st.jfeats[:0]
	k = 1000
	j = append(j,
		f1(next(), 1),
		f1(next(), w[s0]), f1(next(), t[s0]),
		f1(next(), w[b0]), f1(next(), t[b0]),
		f1(next(), w[s1]), f1(next(), t[s1]),
		f1(next(), st.tsuf[s0]),
		f2(next(), t[s0], t[b0]),
		f2(next(), t[s1], t[s0]),
		f3(next(), t[s1], t[s0], t[b0]),
		f2(next(), w[s0], t[b0]),
		f2(next(), w[s0], t[s1]),
		f3(next(), t[s0], lab(s0l), lab(s0r)),
		f2(next(), t[b0], lab(b0l)),
		f3(next(), t[s0], t[b0], d01),
		f3(next(), t[s1], t[s0], d10),
	)
	if richJoint {
		prev, nxt := none, none // the words around s0 in the sentence
		if s0 >= 2 && s0 <= n {
			prev = s0 - 1
		}
		if s0 >= 1 && s0 < n {
			nxt = s0 + 1
		}
		j = append(j,
			f1(next(), p[s0]),
			f1(next(), st.tsuf[b0]),
			f2(next(), w[s0], w[b0]),
			f2(next(), w[s1], w[s0]),
			f2(next(), t[s1], w[s0]),
			f2(next(), t[s0], w[b0]),
			f2(next(), w[s1], t[s0]),
			f3(next(), w[s0], lab(s0l), lab(s0r)),
			f2(next(), t[s0], st.lset[s0]),
			f2(next(), t[s0], st.rset[s0]),
			f3(next(), t[s0], t[prev], t[nxt]),
		)
	}
	if coarse {
		k = 1500
		j = append(j,
			f2(next(), p[s0], p[b0]),
			f3(next(), p[s1], p[s0], p[b0]),
			f2(next(), st.tsuf[s0], p[b0]),
		)
	}
	if labelCtx {
		// What tells labels apart beyond the two words: the first word
		// of s0's phrase (case markers and subordinators: "in", "to",
		// "that"), the labels s0 has taken as a head, the labels its
		// candidate heads (b0 on the left, s1 on the right) already
		// have, and the word pairs.
		prev, nxt := none, none // the words around s0 in the sentence
		if s0 >= 2 && s0 <= n {
			prev = s0 - 1
		}
		if s0 >= 1 && s0 < n {
			nxt = s0 + 1
		}
		k = 1600
		j = append(j,
			f2(next(), t[s0], w[s0l]),
			f2(next(), w[s0l], t[b0]),
			f2(next(), w[s0l], t[s1]),
			f2(next(), t[s0], st.lset[s0]),
			f2(next(), t[s0], st.rset[s0]),
			f2(next(), t[b0], st.lset[b0]),
			f2(next(), t[s1], st.rset[s1]),
			f2(next(), w[s0], w[b0]),
			f2(next(), w[s1], w[s0]),
			f3(next(), t[s0], t[prev], t[nxt]),
		)
	}
	if clu {
		k = 1700
		j = append(j,
			f1(next(), st.tc2[s0]),
			f1(next(), st.tc2[b0]),
			f2(next(), st.tc1[s0], st.tc1[b0]),
			f2(next(), st.tc2[s0], t[b0]),
			f2(next(), t[s0], st.tc2[b0]),
		)
	}
	st.jfeats = j
}
