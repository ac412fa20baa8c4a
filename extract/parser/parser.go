// Package parser is kg's labelled dependency parser: a greedy arc-hybrid
// transition parser, trained with a dynamic oracle and exploration
// (Goldberg & Nivre 2012, 2013) as an averaged perceptron over rich
// feature templates in the manner of Zhang & Nivre (2011), optionally with
// universal-tag and suffix conjunctions that survive fine-grained tagging
// errors (TrainOptions.Coarse, on in the shipped model), and optionally
// with word-cluster features after Koo, Carreras & Collins (2008): the
// exchange classes of extract/wordclass stand in for words and tags
// (TrainOptions.Clusters, saved with the model; off in the shipped model:
// clusters of the training text alone lowered EWT dev LAS). The
// labelled-action model can also see what tells relations apart beyond
// the two words (TrainOptions.LabelCtx): the first child word of s0 (a
// case marker or subordinator) with each candidate head, the labels of the
// children of s0 and of its candidate heads, and word pairs (off in the
// shipped model: +0.8 LAS on EWT dev, but a parse about 20% slower; see
// kgtrain's -parser-labelctx). Non-projective trees are handled by pseudo-projective parsing (Nivre &
// Nilsson 2005, "Head" label encoding, undone after parsing).
//
// Parser.SetBeam replaces the greedy search by a beam search over the same
// scores, and TrainOptions.Beam trains for it globally (max-violation
// structured perceptron). Neither is used: global training gains a little
// at a parse speed kg cannot afford (see beamtrain.go), and the greedy
// models' scores are not comparable across derivations: a beam over them
// lowers accuracy (model of 2026-11-26, EWT dev predicted tags, UAS/LAS:
// greedy 85.39/81.30; beam 2 80.61/76.70, beam 4 79.35/75.49; proposing
// every label rather than the best of each arc type, beam 2 85.21/80.12,
// beam 4 84.97/78.53, beam 8 84.63/77.45).
//
// Parse fills Head and DepRel of every token of a sentence whose tokens
// already carry UPOS/XPOS (and optionally Lemma) from the tagger; the
// result is always one well-formed, single-rooted tree. The default model
// is embedded and loaded once on first use.
//
// The package only parses: it must not tokenize, tag, or look at entities,
// and it must contain no rules or word lists written for particular texts;
// everything it knows is learned from the treebanks in corpora/.
package parser

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/wordclass"
)

// Parser is a trained parsing model. It is safe for concurrent use.
type Parser struct {
	labels    []string // relation labels; lifted ones contain liftSep
	lifted    []bool
	rootLabel int
	richJoint bool             // labelled-action model uses the larger feature set
	coarse    bool             // both models add universal-tag and suffix conjunctions
	labelCtx  bool             // labelled-action model adds the children of s0 and its candidate heads
	cl        *wordclass.Table // word clusters, or nil for no cluster features
	trans     scorer           // transition-type model: 3 classes
	joint     scorer           // labelled-action model: 1+2*len(labels) classes
	beam      int              // beam width; 0 or 1: greedy

	pool sync.Pool
}

// scorer is the part of a perceptron model the parser needs: a frozen
// *table or, during training, a *perceptron.Trainer.
type scorer interface {
	Scores(feats []uint64, scores []float32)
}

type work struct {
	st     state
	ts     []float32
	js     []float32
	heads  []int
	labels []string
	jcache *rowCache // recent rows of the labelled-action model, when it is a *table
	jacc   []int32   // the labelled-action model's integer sums
	home   []uint64  // keys in the home slots of the transition features
	beam   *beamWork // beam search scratch, when the width is above 1
}

func (p *Parser) nActions() int { return 1 + 2*len(p.labels) }

func (p *Parser) getWork() *work {
	if w, ok := p.pool.Get().(*work); ok {
		return w
	}
	return &work{ts: make([]float32, 3), js: make([]float32, p.nActions()), jcache: new(rowCache)}
}

// score computes both models' scores for the current state.
func (p *Parser) score(w *work) { p.scoreState(w, &w.st) }

// scoreState computes both models' scores for st into w.ts and w.js.
func (p *Parser) scoreState(w *work, st *state) {
	st.features(p.richJoint, p.coarse, p.labelCtx)
	for i := range w.ts {
		w.ts[i] = 0
	}
	for i := range w.js {
		w.js[i] = 0
	}
	tt, ok1 := p.trans.(*table)
	jt, ok2 := p.joint.(*table)
	if !ok1 || !ok2 || tt.inl == nil || jt.inl != nil {
		p.trans.Scores(st.feats, w.ts)
		p.joint.Scores(st.jfeats, w.js)
		return
	}
	// The transition model's table loads go out first and arrive while
	// the labelled-action model is scored.
	w.home = grow(w.home, len(st.feats))
	tt.loadHomes(st.feats, w.home)
	w.jacc = grow(w.jacc, len(w.js))
	jt.scoresCached(st.jfeats, w.js, w.jacc, w.jcache)
	a, b, c := tt.add3(st.feats, w.home, 0, 0, 0)
	w.ts[0] += float32(a) * tt.unit
	w.ts[1] += float32(b) * tt.unit
	w.ts[2] += float32(c) * tt.unit
}

// best returns the highest-scoring legal action given the scores in w.
func (p *Parser) best(w *work) int {
	st := &w.st
	best, bestScore := -1, float32(math.Inf(-1))
	if st.typeLegal(shift) {
		best, bestScore = shift, w.ts[shift]+w.js[0]
	}
	okL, okR := st.typeLegal(left), st.typeLegal(right)
	rootOnly := len(st.stack) >= 2 && st.stack[len(st.stack)-2] == 0
	for l := range p.labels {
		if okL && l != p.rootLabel {
			if s := w.ts[left] + w.js[leftAct(l)]; s > bestScore {
				best, bestScore = leftAct(l), s
			}
		}
		if okR && (l == p.rootLabel) == rootOnly {
			if s := w.ts[right] + w.js[rightAct(l)]; s > bestScore {
				best, bestScore = rightAct(l), s
			}
		}
	}
	return best
}

// Parse sets Head and DepRel on every token of s using the model.
func (p *Parser) Parse(s *doc.Sentence) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	if p == nil || p.trans == nil || p.joint == nil || len(p.labels) == 0 {
		fallbackTree(s)
		return
	}
	w := p.getWork()
	defer p.pool.Put(w)
	st := &w.st
	st.cl = p.cl
	st.reset(s)
	if p.beam > 1 {
		p.parseBeam(w, p.beam)
	} else {
		for steps := 0; !st.terminal() && steps < 4*n+4; steps++ {
			p.score(w)
			a := p.best(w)
			if a < 0 {
				break
			}
			st.apply(a)
		}
	}
	anyLifted := false
	for i := 1; i <= n; i++ {
		h, l := int(st.head[i]), int(st.label[i])
		if h < 0 || l < 0 || l >= len(p.labels) {
			// Cannot happen with a complete derivation; keep the tree
			// well formed anyway.
			fallbackTree(s)
			return
		}
		if p.lifted[l] {
			anyLifted = true
		}
	}
	if anyLifted {
		w.heads = grow(w.heads, n)
		w.labels = grow(w.labels, n)
		for i := 1; i <= n; i++ {
			w.heads[i-1] = int(st.head[i]) - 1
			w.labels[i-1] = p.labels[st.label[i]]
		}
		Deprojectivize(w.heads, w.labels)
		for i := range s.Tokens {
			s.Tokens[i].Head = w.heads[i] + 1
			s.Tokens[i].DepRel = w.labels[i]
		}
		return
	}
	for i := range s.Tokens {
		s.Tokens[i].Head = int(st.head[i+1])
		s.Tokens[i].DepRel = p.labels[st.label[i+1]]
	}
}

// SetBeam sets the width of the beam search Parse runs (1 or less:
// greedy, the default). Call it before the parser is used. With the
// locally trained models of this package a beam lowers accuracy (see the
// package comment); it is here for measuring.
func (p *Parser) SetBeam(k int) { p.beam = k }

// fallbackTree attaches every token to the first one, for when no model
// is available: a well-formed but uninformative tree.
func fallbackTree(s *doc.Sentence) {
	for i := range s.Tokens {
		if i == 0 {
			s.Tokens[i].Head, s.Tokens[i].DepRel = 0, "root"
		} else {
			s.Tokens[i].Head, s.Tokens[i].DepRel = 1, "dep"
		}
	}
}

const (
	fileMagic  = "kgparser1" // compact labelled-action features
	fileMagic2 = "kgparser2" // followed by a flags varint: 1 = rich labelled-action features, 2 = coarse conjunctions, 4 = word clusters (after the labels), 8 = label context features
)

// Save writes the parser: a gzip stream of stored (uncompressed) blocks,
// since 64-bit feature keys and float32 weights barely compress and
// inflating would dominate the load time, holding a header with the label
// set followed by the two weight tables, each length-prefixed.
func (p *Parser) Save(w io.Writer) error {
	tm, ok1 := p.trans.(*table)
	jm, ok2 := p.joint.(*table)
	if !ok1 || !ok2 {
		return errors.New("parser: save: model is not frozen")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return fmt.Errorf("parser: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	if p.richJoint || p.coarse || p.cl != nil || p.labelCtx {
		var flags uint64
		if p.richJoint {
			flags |= 1
		}
		if p.coarse {
			flags |= 2
		}
		if p.cl != nil {
			flags |= 4
		}
		if p.labelCtx {
			flags |= 8
		}
		bw.WriteString(fileMagic2)
		writeUvarint(bw, flags)
	} else {
		bw.WriteString(fileMagic)
	}
	writeUvarint(bw, uint64(len(p.labels)))
	for _, l := range p.labels {
		writeUvarint(bw, uint64(len(l)))
		bw.WriteString(l)
	}
	if p.cl != nil {
		writeClusters(bw, p.cl)
	}
	for _, m := range []*table{tm, jm} {
		var buf bytes.Buffer
		if err := m.writeFixed(&buf); err != nil {
			return fmt.Errorf("parser: save: %w", err)
		}
		writeUvarint(bw, uint64(buf.Len()))
		bw.Write(buf.Bytes())
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("parser: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("parser: save: %w", err)
	}
	return nil
}

func writeUvarint(w *bufio.Writer, x uint64) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], x)])
}

// Load reads a parser written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parser: load: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	hdr := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, hdr); err != nil || (string(hdr) != fileMagic && string(hdr) != fileMagic2) {
		return nil, errors.New("parser: load: not a parser model")
	}
	var flags uint64
	if string(hdr) == fileMagic2 {
		if flags, err = binary.ReadUvarint(br); err != nil || flags > 15 {
			return nil, fmt.Errorf("parser: load: bad flags (%v)", err)
		}
	}
	nl, err := binary.ReadUvarint(br)
	if err != nil || nl == 0 || nl > 1<<16 {
		return nil, fmt.Errorf("parser: load: bad label count (%v)", err)
	}
	labels := make([]string, nl)
	for i := range labels {
		ln, err := binary.ReadUvarint(br)
		if err != nil || ln > 1<<10 {
			return nil, fmt.Errorf("parser: load: label %d: bad length (%v)", i, err)
		}
		b := make([]byte, ln)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("parser: load: label %d: %w", i, err)
		}
		labels[i] = string(b)
	}
	var cl *wordclass.Table
	if flags&4 != 0 {
		if cl, err = readClusters(br); err != nil {
			return nil, fmt.Errorf("parser: load: clusters: %w", err)
		}
	}
	var models [2]*table
	for i := range models {
		ln, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("parser: load: model %d: %w", i, err)
		}
		blob, err := io.ReadAll(io.LimitReader(br, int64(ln)))
		if err == nil && uint64(len(blob)) != ln {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, fmt.Errorf("parser: load: model %d: %w", i, err)
		}
		// Fixed-width tables are what Save writes; the varint sparse and
		// the dense perceptron formats are accepted too.
		m, err := readFixed(blob)
		if err == errNotSparse {
			m, err = readSparse(bytes.NewReader(blob))
		}
		if err == errNotSparse {
			m, err = readTable(bytes.NewReader(blob))
		}
		if err != nil {
			return nil, fmt.Errorf("parser: load: model %d: %w", i, err)
		}
		models[i] = m
	}
	p, err := newParser(labels, models[0], models[1])
	if err != nil {
		return nil, fmt.Errorf("parser: load: %w", err)
	}
	p.richJoint = flags&1 != 0
	p.coarse = flags&2 != 0
	p.labelCtx = flags&8 != 0
	p.cl = cl
	return p, nil
}

func newParser(labels []string, trans, joint *table) (*Parser, error) {
	p := &Parser{labels: labels, rootLabel: -1, lifted: make([]bool, len(labels))}
	for i, l := range labels {
		if l == "root" {
			p.rootLabel = i
		}
		p.lifted[i] = strings.Contains(l, liftSep)
	}
	if p.rootLabel < 0 {
		return nil, errors.New("no root label")
	}
	if trans.nc != 3 || joint.nc != p.nActions() {
		return nil, fmt.Errorf("model classes %d/%d do not match %d labels", trans.nc, joint.nc, len(labels))
	}
	p.trans, p.joint = trans, joint
	return p, nil
}

// DefaultModelPath is the path, relative to the module root, of the
// embedded model that cmd/kgtrain writes.
const DefaultModelPath = "extract/parser/model/parser.gz"

//go:embed model/parser.gz
var embedded []byte

// Default returns the embedded parser, loading it on first use.
var Default = sync.OnceValues(func() (*Parser, error) {
	return Load(bytes.NewReader(embedded))
})

// Parse parses s with the embedded model. If the model cannot be loaded
// every token still gets a head (a flat tree under the first token).
func Parse(s *doc.Sentence) {
	p, err := Default()
	if err != nil {
		fallbackTree(s)
		return
	}
	p.Parse(s)
}

// Pruned returns a copy of a frozen parser without the features whose
// weights are all at most th in magnitude, for a smaller, faster model.
func (p *Parser) Pruned(th float32) (*Parser, error) {
	tm, ok1 := p.trans.(*table)
	jm, ok2 := p.joint.(*table)
	if !ok1 || !ok2 {
		return nil, errors.New("parser: prune: model is not frozen")
	}
	q, err := newParser(p.labels, tm.pruned(th), jm.pruned(th))
	if err != nil {
		return nil, err
	}
	q.richJoint, q.coarse, q.cl, q.labelCtx, q.beam = p.richJoint, p.coarse, p.cl, p.labelCtx, p.beam
	return q, nil
}

// Features returns the number of features kept in the transition and the
// labelled-action models.
func (p *Parser) Features() (trans, joint int) {
	if tm, ok := p.trans.(*table); ok {
		trans = len(tm.rowKeys)
	}
	if jm, ok := p.joint.(*table); ok {
		joint = len(jm.rowKeys)
	}
	return trans, joint
}

// writeClusters writes word clusters: the granularities, then the words
// in order, each with its classes.
func writeClusters(bw *bufio.Writer, cl *wordclass.Table) {
	writeUvarint(bw, uint64(len(cl.Names)))
	for _, n := range cl.Names {
		writeUvarint(bw, uint64(len(n)))
		bw.WriteString(n)
	}
	words := make([]string, 0, len(cl.IDs))
	for w := range cl.IDs {
		words = append(words, w)
	}
	sort.Strings(words)
	writeUvarint(bw, uint64(len(words)))
	for _, w := range words {
		writeUvarint(bw, uint64(len(w)))
		bw.WriteString(w)
		ids := cl.IDs[w]
		for k := range cl.Names {
			var id uint16
			if k < len(ids) {
				id = ids[k]
			}
			writeUvarint(bw, uint64(id))
		}
	}
}

// readClusters reads what writeClusters wrote.
func readClusters(br *bufio.Reader) (*wordclass.Table, error) {
	k, err := binary.ReadUvarint(br)
	if err != nil || k == 0 || k > 16 {
		return nil, fmt.Errorf("bad granularity count %d (%v)", k, err)
	}
	str := func() (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1<<10 {
			return "", fmt.Errorf("bad string length %d (%v)", n, err)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return "", err
		}
		return string(b), nil
	}
	cl := &wordclass.Table{IDs: map[string][]uint16{}}
	for range k {
		n, err := str()
		if err != nil {
			return nil, err
		}
		cl.Names = append(cl.Names, n)
	}
	nw, err := binary.ReadUvarint(br)
	if err != nil || nw > 1<<24 {
		return nil, fmt.Errorf("bad word count %d (%v)", nw, err)
	}
	ids := make([]uint16, 0, min(nw, 1<<16)*k)
	for i := uint64(0); i < nw; i++ {
		w, err := str()
		if err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		lo := len(ids)
		for range k {
			id, err := binary.ReadUvarint(br)
			if err != nil || id >= wordclass.MaxClusters {
				return nil, fmt.Errorf("word %d: bad class %d (%v)", i, id, err)
			}
			ids = append(ids, uint16(id))
		}
		cl.IDs[w] = ids[lo:len(ids):len(ids)]
	}
	return cl, nil
}
