package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. The numbers are part of the model: renumbering them
// invalidates a trained model.
const (
	fBias = iota + 1
	fForm
	fLower
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fFlags
	fFirstCap
	fPrev1Tag
	fPrev2Tag
	fPrevTags
	fPrevTagWord
	fPrev1Word
	fPrev2Word
	fNext1Word
	fNext2Word
	fPrev1Suf3
	fNext1Suf3
	fWordNext
	fPrevWordWord
	fNext1Amb
	fNext2Amb
	fNext1Shape
	fPrevTagNextAmb
	fPrev1Amb
	fNext1AmbWord
	fPrev1Shape
	fSuf5
	fLowerAmb
	fPrevTagNextWord
	fNextFlags
	// Word-cluster templates (Tagger.cl set).
	fClu0
	fClu1
	fClu2
	fPrevTagClu
	fNext1Clu
	fNext1CluFine
	fPrev1Clu
	fNext2Clu
	fCluNextClu
	fPrevCluClu
)

const (
	flagDigit = 1 << iota
	flagHyphen
	flagUpper
	flagAllUpper
	flagNonASCII
	flagPunct
)

// tok holds the per-token hashes every template draws on.
type tok struct {
	form, lower, shape uint64
	suf                [5]uint64 // suffixes of the lowercase form, 1..5 bytes
	pre                [3]uint64
	flags              uint64
	amb                int32     // most frequent class of the word in training, -1 unknown
	lowAmb             int32     // the same for the lowercase form
	clu                [3]uint64 // word-cluster classes, coarse to fine (1 + class; 0 unclustered)
}

const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hstr(s string) uint64 {
	h := uint64(fnvOff)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines a template id with up to two values into a feature hash.
func mix(t, a, b uint64) uint64 {
	h := t*0x9E3779B97F4A7C15 ^ a
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= b
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	return h
}

// Padding values for positions outside the sentence.
var (
	hStart   = hstr("-START-")
	hEnd     = hstr("-END-")
	padTok   = tok{form: hEnd, lower: hEnd, shape: hEnd, amb: -2, clu: [3]uint64{1 << 20, 1 << 20, 1 << 20}}
	startTok = tok{form: hStart, lower: hStart, shape: hStart, amb: -3, clu: [3]uint64{1 << 21, 1 << 21, 1 << 21}}
)

// shapeOf writes a word shape such as "Xxxx-dd" into buf: upper letters
// become X, lower x, digits d, others are kept; runs longer than three of
// the same symbol are cut.
func shapeOf(s string, buf []byte) []byte {
	buf = buf[:0]
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '*'
		}
		if c == last {
			run++
			if run > 3 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		buf = append(buf, c)
		if len(buf) >= 24 {
			break
		}
	}
	return buf
}

func lowerWord(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

func (t *Tagger) prepare(words []string, toks []tok) {
	var sb [32]byte
	for i, w := range words {
		lw := lowerWord(w)
		k := &toks[i]
		k.form = hstr(w)
		k.lower = hstr(lw)
		k.shape = hstr(string(shapeOf(w, sb[:0])))
		for j := range k.suf {
			n := j + 1
			if n > len(lw) {
				n = len(lw)
			}
			k.suf[j] = hstr(lw[len(lw)-n:]) + uint64(j)
		}
		for j := range k.pre {
			n := j + 1
			if n > len(lw) {
				n = len(lw)
			}
			k.pre[j] = hstr(lw[:n]) + uint64(j)
		}
		var fl uint64
		upper, lower := 0, 0
		for _, r := range w {
			switch {
			case r >= '0' && r <= '9':
				fl |= flagDigit
			case r == '-':
				fl |= flagHyphen
			case r >= 'A' && r <= 'Z':
				upper++
			case r >= 'a' && r <= 'z':
				lower++
			case r >= utf8.RuneSelf:
				fl |= flagNonASCII
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
			case unicode.IsPunct(r):
				fl |= flagPunct
			}
		}
		if upper > 0 {
			fl |= flagUpper
			if lower == 0 {
				fl |= flagAllUpper
			}
		}
		k.flags = fl
		k.amb, k.lowAmb = -1, -1
		if c, ok := t.amb[lw]; ok {
			k.lowAmb = c
		}
		if c, ok := t.amb[w]; ok {
			k.amb = c
		} else {
			k.amb = k.lowAmb
		}
		k.clu = [3]uint64{}
		if t.cl != nil {
			ids := t.cl.IDs[lw]
			for j := range min(len(ids), len(k.clu)) {
				k.clu[j] = uint64(ids[j]) + 1 + uint64(j)<<16
			}
		}
	}
}

// features appends the feature hashes for token i given the two previous
// predicted classes (-1 at the sentence start).
func features(toks []tok, i int, p1, p2 int32, clu bool, buf []uint64) []uint64 {
	at := func(j int) *tok {
		if j < 0 || j >= len(toks) {
			return &padTok
		}
		return &toks[j]
	}
	w := &toks[i]
	prev1, prev2 := at(i-1), at(i-2)
	next1, next2 := at(i+1), at(i+2)
	if i-1 < 0 {
		prev1 = &startTok
	}
	t1, t2 := uint64(p1+4), uint64(p2+4)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	buf = append(buf,
		mix(fBias, 0, 0),
		mix(fForm, w.form, 0),
		mix(fLower, w.lower, 0),
		mix(fSuf1, w.suf[0], 0),
		mix(fSuf2, w.suf[1], 0),
		mix(fSuf3, w.suf[2], 0),
		mix(fSuf4, w.suf[3], 0),
		mix(fSuf5, w.suf[4], 0),
		mix(fPre1, w.pre[0], 0),
		mix(fPre2, w.pre[1], 0),
		mix(fPre3, w.pre[2], 0),
		mix(fShape, w.shape, 0),
		mix(fFlags, w.flags, 0),
		mix(fFirstCap, first, w.flags&flagUpper),
		mix(fPrev1Tag, t1, 0),
		mix(fPrev2Tag, t2, 0),
		mix(fPrevTags, t1, t2),
		mix(fPrevTagWord, t1, w.lower),
		mix(fPrev1Word, prev1.lower, 0),
		mix(fPrev2Word, prev2.lower, 0),
		mix(fNext1Word, next1.lower, 0),
		mix(fNext2Word, next2.lower, 0),
		mix(fPrev1Suf3, prev1.suf[2], 0),
		mix(fNext1Suf3, next1.suf[2], 0),
		mix(fWordNext, w.lower, next1.lower),
		mix(fPrevWordWord, prev1.lower, w.lower),
		mix(fNext1Amb, uint64(next1.amb+4), 0),
		mix(fNext2Amb, uint64(next1.amb+4), uint64(next2.amb+4)),
		mix(fNext1Shape, next1.shape, 0),
		mix(fPrevTagNextAmb, t1, uint64(next1.amb+4)),
		mix(fPrev1Amb, uint64(prev1.amb+4), 0),
		mix(fNext1AmbWord, uint64(next1.amb+4), w.lower),
		mix(fPrev1Shape, prev1.shape, t1),
		mix(fLowerAmb, uint64(w.lowAmb+4), w.flags&flagUpper|first<<8),
		mix(fPrevTagNextWord, t1, next1.lower),
		mix(fNextFlags, next1.flags, w.flags),
	)
	if clu {
		buf = append(buf,
			mix(fClu0, w.clu[0], 0),
			mix(fClu1, w.clu[1], 0),
			mix(fClu2, w.clu[2], 0),
			mix(fPrevTagClu, t1, w.clu[2]),
			mix(fNext1Clu, next1.clu[1], 0),
			mix(fNext1CluFine, next1.clu[2], 0),
			mix(fPrev1Clu, prev1.clu[1], 0),
			mix(fNext2Clu, next2.clu[1], 0),
			mix(fCluNextClu, w.clu[1], next1.clu[1]),
			mix(fPrevCluClu, prev1.clu[1], w.clu[1]),
		)
	}
	return buf
}

// Templates of the UPOS pass, which sees the predicted XPOS of the whole
// sentence.
const (
	uBias = iota + 100
	uX
	uXW
	uXm1
	uXp1
	uXm2
	uXp2
	uU1
	uU12
	uW
	uWn
	uWp
	uSuf
	uXWn
	uShape
	uFirst
	uXp1W
	uXm1W
)

// ufeatures appends the UPOS-pass features of token i given the XPOS
// classes xp of the sentence and the two previous UPOS classes.
func ufeatures(toks []tok, xp []int32, i int, u1, u2 int32, buf []uint64) []uint64 {
	x := func(j int) uint64 {
		if j < 0 {
			return 1
		}
		if j >= len(xp) {
			return 2
		}
		return uint64(xp[j] + 4)
	}
	w := &toks[i]
	prev, next := &startTok, &padTok
	if i > 0 {
		prev = &toks[i-1]
	}
	if i+1 < len(toks) {
		next = &toks[i+1]
	}
	x0, xm1, xp1 := x(i), x(i-1), x(i+1)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	U1, U2 := uint64(u1+4), uint64(u2+4)
	buf = append(buf,
		mix(uBias, 0, 0),
		mix(uX, x0, 0),
		mix(uXW, x0, w.lower),
		mix(uXm1, xm1, x0),
		mix(uXp1, x0, xp1),
		mix(uXm2, x(i-2), x0),
		mix(uXp2, x0, mix(0, xp1, x(i+2))),
		mix(uU1, U1, x0),
		mix(uU12, U1, U2),
		mix(uW, w.lower, 0),
		mix(uWn, w.lower, next.lower),
		mix(uWp, prev.lower, w.lower),
		mix(uSuf, w.suf[2], x0),
		mix(uXWn, x0, next.lower),
		mix(uShape, w.shape, x0),
		mix(uFirst, first, x0),
		mix(uXp1W, xp1, w.lower),
		mix(uXm1W, xm1, w.lower),
	)
	return buf
}

// Templates of the second, bidirectional pass, which sees the first
// pass's classes of the word itself and the two next words on top of the
// first-pass templates.
const (
	bSelf = iota + 200
	bSelfWord
	bNext1
	bNext12
	bNext1Word
	bPrevNext
	bNext1Suf
	bNext2Word
	bNext1Next1Word
	bSelfNext1
	bPrevSelf
)

// features2 appends the second-pass features of token i: those of
// features plus conjunctions with the first-pass classes first of the
// sentence.
func features2(toks []tok, first []int32, i int, p1, p2 int32, clu bool, buf []uint64) []uint64 {
	buf = features(toks, i, p1, p2, clu, buf)
	f := func(j int) uint64 {
		if j >= len(first) {
			return 2
		}
		return uint64(first[j] + 4)
	}
	w := &toks[i]
	next1 := &padTok
	if i+1 < len(toks) {
		next1 = &toks[i+1]
	}
	c0, n1, n2 := f(i), f(i+1), f(i+2)
	t1 := uint64(p1 + 4)
	buf = append(buf,
		mix(bSelf, c0, 0),
		mix(bSelfWord, c0, w.lower),
		mix(bNext1, n1, 0),
		mix(bNext12, n1, n2),
		mix(bNext1Word, n1, w.lower),
		mix(bPrevNext, t1, n1),
		mix(bNext1Suf, n1, w.suf[2]),
		mix(bNext2Word, n2, w.lower),
		mix(bNext1Next1Word, n1, next1.lower),
		mix(bSelfNext1, c0, n1),
		mix(bPrevSelf, t1, c0),
	)
	return buf
}
