package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/lexicon"
	"github.com/kg-project/kg/extract/perceptron"
)

// Feature template ids.
const (
	fBias uint64 = iota + 1
	fLower
	fWord
	fShape
	fShort
	fPre1
	fPre2
	fPre3
	fSuf2
	fSuf3
	fSuf4
	fUPOS
	fXPOS
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShortM1
	fShortP1
	fShortM2
	fShortP2
	fXPOSM1
	fXPOSP1
	fXPOSM2
	fXPOSP2
	fBigramM
	fBigramP
	fXPOS3
	fCap
	fCapM1
	fCapP1
	fCapWin
	fFirst
	fShort3
	fLen
	fPrev
	fPrev2
	fPrevLower
	fPrevShort
	fPrevXPOS
	fGaz
	fGazLen
	gazSeed
	fTitle
	fTitleShape
	fPrevTitle
	fsBias
	fsWord
	fsShape
	fsFirst
	fsLast
	fsLastSuf
	fsLen
	fsShapes
	fsPrev1
	fsPrev2
	fsPrevBigram
	fsNext1
	fsNext2
	fsPrevXPOS
	fsNextXPOS
	fsTitle
	fsGaz
	fsGazWord
	fsCap
	fsWhole
	fPlace
	fPlaceWin
	fDemonym
	fsPlace
	fsPlaceWord
	fsDemonym
	fsPrevADP
	fsNextVerb
	fsPrevVerb
	fsWordSuf
	fsWordPre
	fsPrevName
	fsNextBigram
	fsPrevUPOS
	fsClu
	fsPrevClu
	fsNextClu
	fsLastClu
	fsMentionBias
)

// spanFeatures returns the span typer's features for tokens [a, b): the
// words and shapes of the name, its first and last words, its length,
// the words around it, and gazetteer matches. With unseen set, the
// name's own words and gazetteer matches are left out, as if the name had
// never been seen: training sometimes does so, to learn what the context
// says about names it will not know.
func (sc *scratch) spanFeatures(a, b int, unseen bool) []uint64 {
	h := perceptron.Hash
	ja, jb := a+2, b+2 // indices into the padded arrays
	f := sc.buf[:0]
	if !unseen {
		f = append(f, h(fsFirst, sc.lower[ja]), h(fsLast, sc.lower[jb-1]), h(fsWhole, sc.lower[ja:jb]...))
	}
	f = append(f,
		h(fsBias),
		h(fsLastSuf, suffix(sc.lower[jb-1], 3)),
		h(fsLen, labelNames[min(b-a, 5)]))
	f = sc.appendContext(f, ja, jb)
	for k, c := range sc.clu {
		f = append(f, h(fsLastClu, labelNames[k], c[jb-1]))
		for j := ja; j < jb; j++ {
			f = append(f, h(fsClu, labelNames[k], c[j]))
		}
	}
	f = append(f,
		h(fsTitle, sc.title[ja-1]),
		h(fsShapes, sc.short[ja:min(jb, ja+4)]...),
	)
	for j := ja; j < jb; j++ {
		if !unseen {
			f = append(f, h(fsWord, sc.lower[j]))
			if t, ok := sc.gaz[h(gazSeed, sc.lower[j])]; ok {
				f = append(f, h(fsGazWord, labelNames[t]))
			}
		}
		f = append(f, h(fsShape, sc.short[j]), h(fsCap, sc.cp[j]),
			h(fsWordSuf, suffix(sc.lower[j], 2)), h(fsWordSuf, suffix(sc.lower[j], 4)), h(fsWordPre, prefix(sc.lower[j], 3)))
		if sc.place[j] != "" {
			f = append(f, h(fsPlaceWord, sc.place[j]))
		}
		if sc.dem[j] != "" {
			f = append(f, h(fsDemonym, labelNames[min(jb-j, 3)]))
		}
	}
	if (sc.place[ja] == "U" && b-a == 1) || (sc.place[ja] == "B" && sc.place[jb-1] == "L") {
		f = append(f, h(fsPlace))
	}
	if b-a <= maxGaz && !unseen {
		if t, ok := sc.gaz[h(gazSeed, sc.lower[ja:jb]...)]; ok {
			f = append(f, h(fsGaz, labelNames[t]))
		}
	}
	sc.buf = f
	return f
}

// contextFeatures returns the span typer's features of a mention that is
// not a name: the context features of spanFeatures and a bias of their own.
func (sc *scratch) contextFeatures(a, b int) []uint64 {
	f := append(sc.buf[:0], perceptron.Hash(fsMentionBias))
	f = sc.appendContext(f, a+2, b+2)
	sc.buf = f
	return f
}

// appendContext appends the typer's features of the words around the
// span [ja, jb) of the padded arrays.
func (sc *scratch) appendContext(f []uint64, ja, jb int) []uint64 {
	h := perceptron.Hash
	f = append(f,
		h(fsPrev1, sc.lower[ja-1]),
		h(fsPrev2, sc.lower[ja-2]),
		h(fsPrevBigram, sc.lower[ja-2], sc.lower[ja-1]),
		h(fsNext1, sc.lower[jb]),
		h(fsNext2, sc.lower[jb+1]),
		h(fsPrevXPOS, sc.xpos[ja-1]),
		h(fsNextXPOS, sc.xpos[jb]),
		h(fsNextBigram, sc.lower[jb], sc.lower[jb+1]),
		h(fsPrevUPOS, sc.upos[ja-2], sc.upos[ja-1]),
	)
	// The nearest adposition and verbs around the name ("in", "visit",
	// "said"), skipping determiners and adjectives.
	for j := ja - 1; j >= max(2, ja-4); j-- {
		if sc.upos[j] == "ADP" {
			f = append(f, h(fsPrevADP, sc.lower[j]))
			break
		}
		if sc.upos[j] != "DET" && sc.upos[j] != "ADJ" && sc.upos[j] != "PROPN" {
			break
		}
	}
	for j := ja - 1; j >= max(2, ja-4); j-- {
		if sc.upos[j] == "VERB" {
			f = append(f, h(fsPrevVerb, sc.lower[j]))
			break
		}
	}
	for j := jb; j < min(jb+4, sc.n+2); j++ {
		if sc.upos[j] == "VERB" || sc.upos[j] == "AUX" {
			f = append(f, h(fsNextVerb, sc.lower[j]))
			break
		}
	}
	// "Portland , Oregon": the name before a comma and what it is.
	if ja >= 4 && sc.lower[ja-1] == "," && sc.short[ja-2] == "Xx" {
		f = append(f, h(fsPrevName, sc.place[ja-2], sc.cp[ja-2]))
	}
	for k, c := range sc.clu {
		g := labelNames[k]
		f = append(f, h(fsPrevClu, g, c[ja-1]), h(fsNextClu, g, c[jb]))
	}
	return f
}

// scratch holds per-sentence token strings and the label-independent
// features of every token.
type scratch struct {
	m                                  *Model
	n                                  int
	lower, word, short, xpos, upos, cp []string
	title                              []string   // "T" for learned title words
	place                              []string   // position in a gazetteer place name: B, I, L, U
	dem                                []string   // "D" for demonyms
	clu                                [][]string // word cluster ids, one slice a granularity
	static                             [][]uint64 // features of each token that do not depend on its labels
	buf                                []uint64
	shapes                             []string   // long shapes of the tokens
	gf                                 [][]uint64 // gazetteer features of each token
	all                                []uint64   // storage of static
	slen                               []int      // number of static features of each token
	// Buffers of Model.decode.
	dstatic, hs     []float32
	hist, cand      []hyp
	size            []int
	scores, tscores []float32
	gaz             map[uint64]uint8
}

var capNames = [...]string{"?", "l", "m", "U", "A"}

const pad = "\x00"

func newScratch(m *Model, s *doc.Sentence, gaz map[uint64]uint8) *scratch {
	return new(scratch).reset(m, s, gaz)
}

// scratchPool holds scratches for reuse by Model.tag: a sentence's
// buffers are grown as needed and not allocated anew.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns b with length n, reusing its storage when it can.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// reset fills sc for sentence s, reusing its buffers.
func (sc *scratch) reset(m *Model, s *doc.Sentence, gaz map[uint64]uint8) *scratch {
	n := len(s.Tokens)
	sc.m, sc.n, sc.gaz = m, n, gaz
	sc.scores = grow(sc.scores, len(m.labels))
	sc.tscores = sc.tscores[:0]
	if m.typer != nil {
		sc.tscores = grow(sc.tscores, m.typer.NClasses)
	}
	sc.lower = grow(sc.lower, n+4)
	sc.word = grow(sc.word, n+4)
	sc.short = grow(sc.short, n+4)
	sc.xpos = grow(sc.xpos, n+4)
	sc.upos = grow(sc.upos, n+4)
	sc.cp = grow(sc.cp, n+4)
	sc.title = grow(sc.title, n+4)
	sc.place = grow(sc.place, n+4)
	sc.dem = grow(sc.dem, n+4)
	for k := range sc.lower {
		sc.lower[k], sc.word[k], sc.short[k], sc.xpos[k], sc.upos[k], sc.cp[k] = pad, pad, pad, pad, pad, pad
		sc.title[k], sc.place[k], sc.dem[k] = "", "", ""
	}
	sc.shapes = grow(sc.shapes, n)
	shapes := sc.shapes
	for i, t := range s.Tokens {
		j := i + 2
		sc.word[j] = t.Text
		sc.lower[j] = strings.ToLower(t.Text)
		shapes[i], sc.short[j] = shape(t.Text)
		sc.xpos[j] = t.XPOS
		sc.upos[j] = t.UPOS
		c := m.caps[sc.lower[j]]
		sc.cp[j] = capNames[c&0xf]
		if c&capTitle != 0 {
			sc.title[j] = "T"
		}
	}
	sc.lexiconPlaces(s)
	sc.clu = sc.clu[:0]
	if m.cl != nil {
		sc.clu = grow(sc.clu, len(m.cl.Names))
		for k := range sc.clu {
			c := grow(sc.clu[k], n+4)
			for j := range c {
				c[j] = pad
			}
			for i := 0; i < n; i++ {
				c[i+2] = cluUnknown
			}
			sc.clu[k] = c
		}
		// One lookup a word for all the clusterings (the map is large
		// and its probes miss the caches).
		for i := 0; i < n; i++ {
			if ids, ok := m.cl.IDs[sc.lower[i+2]]; ok {
				for k, c := range sc.clu {
					c[i+2] = cluNames[ids[k]]
				}
			}
		}
	}
	// Gazetteer matches: every span of up to maxGaz tokens found in gaz
	// marks its tokens with the type, position and length.
	sc.gf = grow(sc.gf, n)
	gf := sc.gf
	for i := range gf {
		gf[i] = gf[i][:0]
	}
	if len(gaz) > 0 {
		for a := 0; a < n; a++ {
			key := hashStart(gazSeed)
			for l := 1; l <= maxGaz && a+l <= n; l++ {
				// key = perceptron.Hash(gazSeed, sc.lower[a+2:a+2+l]...)
				key = hashPart(key, sc.lower[a+1+l])
				t, ok := gaz[key]
				if !ok {
					continue
				}
				ts := labelNames[t]
				for i := a; i < a+l; i++ {
					pos := bilou(i, a, l)
					gf[i] = append(gf[i], perceptron.Hash(fGaz, ts, pos), perceptron.Hash(fGazLen, ts, pos, labelNames[l]))
				}
			}
		}
	}
	sc.static = grow(sc.static, n)
	all := sc.all[:0]
	if cap(all) < n*50 {
		all = make([]uint64, 0, n*50)
	}
	sc.slen = grow(sc.slen, n)
	for i := 0; i < n; i++ {
		start := len(all)
		all = sc.appendStatic(all, i, shapes[i])
		all = append(all, gf[i]...)
		sc.slen[i] = len(all) - start
	}
	// Slice after appending: all may have moved while it grew.
	start := 0
	for i := 0; i < n; i++ {
		end := start + sc.slen[i]
		sc.static[i] = all[start:end:end]
		start = end
	}
	sc.all = all
	if sc.buf == nil {
		sc.buf = make([]uint64, 0, 64)
	}
	return sc
}

// lexiconPlaces marks the tokens of place names and demonyms that
// extract/lexicon's gazetteer knows (general knowledge, not learned from
// the training names). Names are capitalised runs of up to four tokens,
// with "of", "the" and "and" inside.
func (sc *scratch) lexiconPlaces(s *doc.Sentence) {
	n := len(s.Tokens)
	var b strings.Builder
	for a := 0; a < n; a++ {
		if !upperInitial(s.Tokens[a].Text) {
			continue
		}
		if _, ok := lexicon.Place(s.Tokens[a].Text); ok {
			sc.dem[a+2] = "D"
		}
		b.Reset()
		for l := 1; l <= 4 && a+l <= n; l++ {
			w := s.Tokens[a+l-1].Text
			if l > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if !upperInitial(w) {
				if w == "of" || w == "the" || w == "and" {
					continue
				}
				break
			}
			if _, ok := lexicon.PlaceName(b.String()); !ok {
				continue
			}
			for i := a; i < a+l; i++ {
				sc.place[i+2] = bilou(i, a, l)
			}
		}
	}
}

func upperInitial(w string) bool {
	if w == "" {
		return false
	}
	if w[0] < utf8.RuneSelf {
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func (sc *scratch) appendStatic(f []uint64, i int, shp string) []uint64 {
	h := perceptron.Hash
	j := i + 2
	lw := sc.lower[j]
	f = append(f,
		h(fBias),
		h(fLower, lw),
		h(fWord, sc.word[j]),
		h(fShape, shp),
		h(fShort, sc.short[j]),
		h(fPre1, prefix(lw, 1)),
		h(fPre2, prefix(lw, 2)),
		h(fPre3, prefix(lw, 3)),
		h(fSuf2, suffix(lw, 2)),
		h(fSuf3, suffix(lw, 3)),
		h(fSuf4, suffix(lw, 4)),
		h(fUPOS, sc.upos[j]),
		h(fXPOS, sc.xpos[j]),
		h(fLowerM1, sc.lower[j-1]),
		h(fLowerP1, sc.lower[j+1]),
		h(fLowerM2, sc.lower[j-2]),
		h(fLowerP2, sc.lower[j+2]),
		h(fShortM1, sc.short[j-1]),
		h(fShortP1, sc.short[j+1]),
		h(fShortM2, sc.short[j-2]),
		h(fShortP2, sc.short[j+2]),
		h(fXPOSM1, sc.xpos[j-1]),
		h(fXPOSP1, sc.xpos[j+1]),
		h(fXPOSM2, sc.xpos[j-2]),
		h(fXPOSP2, sc.xpos[j+2]),
		h(fBigramM, sc.lower[j-1], lw),
		h(fBigramP, lw, sc.lower[j+1]),
		h(fXPOS3, sc.xpos[j-1], sc.xpos[j], sc.xpos[j+1]),
		h(fCap, sc.cp[j], sc.short[j]),
		h(fCapM1, sc.cp[j-1], sc.short[j-1]),
		h(fCapP1, sc.cp[j+1], sc.short[j+1]),
		h(fCapWin, sc.cp[j-1], sc.cp[j], sc.cp[j+1]),
		h(fShort3, sc.short[j-1], sc.short[j], sc.short[j+1]),
		h(fLen, lenClass(len(sc.word[j]))),
		h(fTitle, sc.title[j-1], sc.title[j], sc.title[j+1]),
		h(fTitleShape, sc.title[j-1], sc.short[j]),
		h(fPlace, sc.place[j], sc.dem[j]),
		h(fDemonym, sc.dem[j], suffix(lw, 1), sc.short[j+1], sc.title[j+1]),
		h(fPlaceWin, sc.place[j-1], sc.place[j], sc.place[j+1]),
	)
	if i == 0 {
		f = append(f, h(fFirst, sc.short[j], sc.cp[j]))
	}
	return f
}

// cluNames are the strings of cluster ids in features; cluUnknown marks
// a word without a cluster.
var cluNames = func() []string {
	all := make([]byte, 2*maxClusters)
	for i := 0; i < maxClusters; i++ {
		all[2*i], all[2*i+1] = byte(i>>8), byte(i)
	}
	s := string(all)
	out := make([]string, maxClusters)
	for i := range out {
		out[i] = s[2*i : 2*i+2]
	}
	return out
}()

const cluUnknown = "?"

var labelNames = func() []string {
	out := make([]string, 256)
	for i := range out {
		out[i] = string(rune(i))
	}
	return out
}()

// features returns the features of token i given the two previous
// predicted classes (-1 before the sentence).
func (sc *scratch) features(i, prev, prev2 int) []uint64 {
	f := append(sc.buf[:0], sc.static[i]...)
	f = sc.appendDynamic(f, i, prev, prev2)
	sc.buf = f
	return f
}

// dynamicFeatures returns the features of token i that depend on the two
// previous classes; with the static features of sc.static[i] they are
// those of features.
func (sc *scratch) dynamicFeatures(i, prev, prev2 int) []uint64 {
	f := sc.appendDynamic(sc.buf[:0], i, prev, prev2)
	sc.buf = f
	return f
}

func (sc *scratch) appendDynamic(f []uint64, i, prev, prev2 int) []uint64 {
	h := perceptron.Hash
	j := i + 2
	p, p2 := labelNames[prev+1], labelNames[prev2+1]
	return append(f,
		h(fPrev, p),
		h(fPrev2, p2, p),
		h(fPrevLower, p, sc.lower[j]),
		h(fPrevShort, p, sc.short[j]),
		h(fPrevXPOS, p, sc.xpos[j]),
		h(fPrevTitle, p, sc.title[j]),
	)
}

// hashStart and hashPart compute perceptron.Hash incrementally:
// hashPart(hashPart(hashStart(t), a), b) == perceptron.Hash(t, a, b).
func hashStart(template uint64) uint64 {
	return (uint64(14695981039346656037) ^ template) * 1099511628211
}

func hashPart(h uint64, p string) uint64 {
	for i := 0; i < len(p); i++ {
		h ^= uint64(p[i])
		h *= 1099511628211
	}
	h ^= 0xff
	return h * 1099511628211
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := len(s) - n
	for k > 0 && !utf8.RuneStart(s[k]) {
		k--
	}
	return s[k:]
}

func lenClass(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 3:
		return "3"
	case n <= 6:
		return "6"
	case n <= 10:
		return "10"
	}
	return "L"
}

// shape returns a word's shape with runs of a character class capped at
// four ("Xxxxx" for "Washington") and its short shape with runs collapsed
// ("Xx").
func shape(w string) (long, short string) {
	var lb, sb []byte
	var last byte
	run := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
			sb = append(sb, c)
		}
		if run <= 4 {
			lb = append(lb, c)
		}
		last = c
		if len(lb) > 32 {
			break
		}
	}
	return string(lb), string(sb)
}

// bilou is the position of token i in the span of l tokens starting at a:
// U for a one-token span, else B, I or L.
func bilou(i, a, l int) string {
	switch {
	case l == 1:
		return "U"
	case i == a:
		return "B"
	case i == a+l-1:
		return "L"
	}
	return "I"
}
