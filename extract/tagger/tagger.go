// Package tagger assigns Penn Treebank (XPOS) and Universal (UPOS)
// part-of-speech tags and lemmas to the tokens of a doc.Sentence.
//
// Tags come from a greedy left-to-right averaged perceptron
// (extract/perceptron) over joint "XPOS|UPOS" labels, with a tag
// dictionary for frequent unambiguous words; lemmas come from an exception
// table and suffix edit rules, all learned from the UD treebanks in
// corpora/ by cmd/kgtrain. The default model is embedded in the binary and
// loaded on first use.
//
// The package works on tokens that are already split into sentences and
// words; it must not tokenize, split sentences, parse or touch any
// annotation other than UPOS, XPOS and Lemma. It holds no rules or lists
// for particular texts: everything it knows is learned from the corpora.
package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/wordclass"
)

// DefaultModelPath is the path, relative to the module root, of the
// embedded model that cmd/kgtrain writes.
const DefaultModelPath = "extract/tagger/model/tagger.gz"

//go:embed model/tagger.gz
var defaultModel []byte

// Default returns the embedded model, loading it on first use.
var Default = sync.OnceValues(func() (*Tagger, error) {
	t, err := Load(bytes.NewReader(defaultModel))
	if err != nil {
		return nil, fmt.Errorf("tagger: embedded model: %w", err)
	}
	return t, nil
})

// Tag tags and lemmatizes s with the embedded model. If the model cannot
// be loaded s is left unchanged (Default reports the error).
func Tag(s *doc.Sentence) {
	t, err := Default()
	if err != nil || t == nil {
		return
	}
	t.Tag(s)
}

// Tagger is a trained tagger and lemmatizer. It is safe for concurrent
// use.
type Tagger struct {
	xpos, upos []string // per class
	model      *sparseModel
	// model2, when present, is the second, bidirectional pass: it re-tags
	// the sentence left to right seeing the first pass's classes of the
	// next words.
	model2 *sparseModel
	cl     *wordclass.Table // word clusters, or nil
	dict   map[string]int32 // frequent unambiguous words -> class
	amb    map[string]int32 // known words -> most frequent class
	lem    *lemmatizer

	// UPOS pass (absent in joint-label models): xfixed gives, per first
	// pass class, the UPOS class it always takes, or -1 to ask umodel.
	uclasses []string
	xfixed   []int32
	umodel   *sparseModel

	pool sync.Pool
}

type scratch struct {
	toks   []tok
	feats  []uint64
	scores []float32
	xp     []int32
	xp1    []int32
}

func (t *Tagger) getScratch(n int) *scratch {
	sc, _ := t.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{scores: make([]float32, max(len(t.xpos), len(t.uclasses)))}
	}
	if cap(sc.toks) < n {
		sc.toks = make([]tok, n)
		sc.xp = make([]int32, n)
		sc.xp1 = make([]int32, n)
	}
	sc.toks = sc.toks[:n]
	sc.xp = sc.xp[:n]
	sc.xp1 = sc.xp1[:n]
	return sc
}

// decodeX runs a pass greedily with model m, writing the class of every
// word into classes: the first pass when first is nil, else the second
// pass over the first pass's classes first. sc may be nil; when it is
// given with first set, sc.toks must already be prepared for words.
func (t *Tagger) decodeX(m predictor, words []string, first, classes []int32, sc *scratch) *scratch {
	if sc == nil {
		sc = t.getScratch(len(words))
		t.prepare(words, sc.toks)
	} else if first == nil {
		t.prepare(words, sc.toks)
	}
	p1, p2 := int32(-1), int32(-1)
	for i, w := range words {
		c, ok := t.dict[w]
		if !ok {
			if first != nil {
				sc.feats = features2(sc.toks, first, i, p1, p2, t.cl != nil, sc.feats[:0])
			} else {
				sc.feats = features(sc.toks, i, p1, p2, t.cl != nil, sc.feats[:0])
			}
			c = int32(m.Predict(sc.feats, nil, sc.scores))
			if c < 0 || int(c) >= len(t.xpos) {
				c = 0
			}
		}
		classes[i] = c
		p2, p1 = p1, c
	}
	return sc
}

// Tag sets UPOS, XPOS and Lemma of every token of s.
func (t *Tagger) Tag(s *doc.Sentence) {
	if s == nil || len(s.Tokens) == 0 || t == nil || t.model == nil || len(t.xpos) == 0 {
		return
	}
	words := make([]string, len(s.Tokens))
	for i := range s.Tokens {
		words[i] = s.Tokens[i].Text
	}
	sc := t.getScratch(len(words))
	defer t.pool.Put(sc)
	xp := sc.xp
	if t.model2 != nil {
		t.decodeX(t.model, words, nil, sc.xp1, sc)
		t.decodeX(t.model2, words, sc.xp1, xp, sc)
	} else {
		t.decodeX(t.model, words, nil, xp, sc)
	}
	for i := range s.Tokens {
		tk := &s.Tokens[i]
		c := xp[i]
		tk.XPOS, tk.UPOS = t.xpos[c], t.upos[c]
		tk.Lemma = t.lem.Lemma(tk.Text, tk.XPOS)
	}
	if t.umodel == nil {
		return
	}
	u1, u2 := int32(-1), int32(-1)
	for i := range s.Tokens {
		u := t.xfixed[xp[i]]
		if u < 0 {
			sc.feats = ufeatures(sc.toks, xp, i, u1, u2, sc.feats[:0])
			u = int32(t.umodel.Predict(sc.feats, nil, sc.scores))
			if u < 0 || int(u) >= len(t.uclasses) {
				u = 0
			}
		}
		s.Tokens[i].UPOS = t.uclasses[u]
		u2, u1 = u1, u
	}
}

// Lemma returns the lemma the tagger's lemmatizer gives form tagged xpos.
func (t *Tagger) Lemma(form, xpos string) string {
	if t == nil || t.lem == nil {
		return form
	}
	return t.lem.Lemma(form, xpos)
}

const (
	fileMagic2 = "kgtagger2\n" // one tagging pass
	fileMagic3 = "kgtagger3\n" // followed at the end by the second pass, if any
	fileMagic  = "kgtagger4\n" // weights as sparse rows (sparseModel), stored uncompressed
)

// Save writes the tagger in the form Load reads: a gzip stream of stored
// (uncompressed) blocks, since inflating the weights took most of the
// load time; their sparse rows make the file no larger than the
// compressed dense rows were. The output depends only on the tagger's
// contents.
func (t *Tagger) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return fmt.Errorf("tagger: %w", err)
	}
	bw := bufio.NewWriter(zw)
	e := &enc{w: bw}
	e.str(fileMagic)
	e.uint(uint64(len(t.xpos)))
	for i := range t.xpos {
		e.str(t.xpos[i])
		e.str(t.upos[i])
	}
	for _, m := range []map[string]int32{t.dict, t.amb} {
		ks := sortedKeys(m)
		e.uint(uint64(len(ks)))
		for _, k := range ks {
			e.str(k)
			e.uint(uint64(m[k]))
		}
	}
	ks := sortedKeys(t.lem.exceptions)
	e.uint(uint64(len(ks)))
	for _, k := range ks {
		e.str(k)
		e.str(t.lem.exceptions[k])
	}
	ks = sortedKeys(t.lem.rules)
	e.uint(uint64(len(ks)))
	for _, k := range ks {
		e.str(k)
		e.uint(uint64(t.lem.rules[k].Strip))
		e.str(t.lem.rules[k].Add)
	}
	e.sparse(t.model)
	e.uint(uint64(len(t.uclasses)))
	if len(t.uclasses) > 0 {
		for _, u := range t.uclasses {
			e.str(u)
		}
		for _, f := range t.xfixed {
			e.uint(uint64(f + 1))
		}
		e.sparse(t.umodel)
	}
	if t.model2 != nil {
		e.uint(1)
		e.sparse(t.model2)
	} else {
		e.uint(0)
	}
	// Word clusters: granularities, then the words in order with their
	// classes.
	if t.cl == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(t.cl.Names)))
		for _, n := range t.cl.Names {
			e.str(n)
		}
		ws := sortedKeys(t.cl.IDs)
		e.uint(uint64(len(ws)))
		for _, w := range ws {
			e.str(w)
			ids := t.cl.IDs[w]
			for k := range t.cl.Names {
				var id uint16
				if k < len(ids) {
					id = ids[k]
				}
				e.uint(uint64(id))
			}
		}
	}
	if e.err != nil {
		return fmt.Errorf("tagger: save: %w", e.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tagger: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("tagger: save: %w", err)
	}
	return nil
}

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: load: %w", err)
	}
	d := &dec{r: bufio.NewReaderSize(zr, 1<<16)}
	magic := d.str()
	if magic != fileMagic && magic != fileMagic3 && magic != fileMagic2 {
		if d.err != nil {
			return nil, fmt.Errorf("tagger: load: %w", d.err)
		}
		return nil, errors.New("tagger: load: not a tagger model")
	}
	t := &Tagger{dict: map[string]int32{}, amb: map[string]int32{},
		lem: &lemmatizer{exceptions: map[string]string{}, rules: map[string]script{}}}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		t.xpos = append(t.xpos, d.str())
		t.upos = append(t.upos, d.str())
	}
	for _, m := range []map[string]int32{t.dict, t.amb} {
		n = d.count()
		for i := 0; i < n && d.err == nil; i++ {
			k := d.str()
			c := d.uint()
			if c >= uint64(len(t.xpos)) {
				d.fail(fmt.Errorf("class %d out of range", c))
			}
			m[k] = int32(c)
		}
	}
	n = d.count()
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		t.lem.exceptions[k] = d.str()
	}
	n = d.count()
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		strip := d.uint()
		add := d.str()
		if strip > maxSuffix {
			d.fail(fmt.Errorf("lemma rule strip %d too long", strip))
		}
		t.lem.rules[k] = script{Strip: int(strip), Add: add}
	}
	t.model = d.anyModel(magic, len(t.xpos))
	if n = d.count(); n > 0 {
		for i := 0; i < n && d.err == nil; i++ {
			t.uclasses = append(t.uclasses, d.str())
		}
		t.xfixed = make([]int32, len(t.xpos))
		for i := range t.xfixed {
			f := d.uint()
			if f > uint64(len(t.uclasses)) {
				d.fail(fmt.Errorf("UPOS class %d out of range", f))
			}
			t.xfixed[i] = int32(f) - 1
		}
		t.umodel = d.anyModel(magic, len(t.uclasses))
	}
	if magic != fileMagic2 {
		switch d.uint() {
		case 0:
		case 1:
			t.model2 = d.anyModel(magic, len(t.xpos))
		default:
			d.fail(errors.New("bad second-pass flag"))
		}
	}
	if magic == fileMagic {
		t.cl = d.clusters()
	}
	if d.err != nil {
		return nil, fmt.Errorf("tagger: load: %w", d.err)
	}
	if len(t.xpos) == 0 {
		return nil, errors.New("tagger: load: no classes")
	}
	return t, nil
}

// clusters reads the word clusters Save writes, or nil if there are none.
func (d *dec) clusters() *wordclass.Table {
	k := d.count()
	if d.err != nil || k == 0 {
		return nil
	}
	if k > 16 {
		d.fail(fmt.Errorf("%d cluster granularities, at most 16", k))
		return nil
	}
	cl := &wordclass.Table{IDs: map[string][]uint16{}}
	for range k {
		cl.Names = append(cl.Names, d.str())
	}
	n := d.count()
	ids := make([]uint16, 0, min(n, 1<<16)*k)
	for i := 0; i < n && d.err == nil; i++ {
		w := d.str()
		lo := len(ids)
		for range k {
			id := d.uint()
			if id >= wordclass.MaxClusters {
				d.fail(fmt.Errorf("cluster class %d out of range", id))
			}
			ids = append(ids, uint16(id))
		}
		cl.IDs[w] = ids[lo:len(ids):len(ids)]
	}
	if d.err != nil {
		return nil
	}
	return cl
}

// anyModel reads weights in the form of the file format magic.
func (d *dec) anyModel(magic string, classes int) *sparseModel {
	if magic == fileMagic {
		return d.sparse(classes)
	}
	blob := d.model(classes)
	if blob == nil {
		return nil
	}
	m, err := sparseFromSaved(blob)
	if err != nil {
		d.fail(fmt.Errorf("weights: %w", err))
	}
	return m
}

// model reads a perceptron model saved as a length-prefixed blob, as
// formats 2 and 3 stored them; it must have classes classes.
func (d *dec) model(classes int) []byte {
	size := d.uint()
	if d.err != nil {
		return nil
	}
	if size > 1<<31 {
		d.fail(fmt.Errorf("weights size %d too large", size))
		return nil
	}
	blob, err := readUpTo(d.r, size)
	if err != nil {
		d.fail(fmt.Errorf("weights: %w", err))
		return nil
	}
	if err := checkWeights(blob, classes); err != nil {
		d.fail(fmt.Errorf("weights: %w", err))
		return nil
	}
	return blob
}

// checkWeights reads the header of a perceptron model blob and refuses
// sizes that could not have come from a blob this small, so corrupt input
// cannot make perceptron.Load allocate without bound.
func checkWeights(blob []byte, classes int) error {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return err
	}
	var hdr [14]byte
	if _, err := io.ReadFull(zr, hdr[:]); err != nil {
		return err
	}
	nc := uint64(binary.LittleEndian.Uint32(hdr[6:]))
	nf := uint64(binary.LittleEndian.Uint32(hdr[10:]))
	if int(nc) != classes {
		return fmt.Errorf("weights have %d classes, labels %d", nc, classes)
	}
	// DEFLATE expands at most about 1032:1.
	if nf*(8+4*nc) > 1100*uint64(len(blob))+1024 {
		return fmt.Errorf("weights header claims %d features, more than the data holds", nf)
	}
	return nil
}

type enc struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *enc) uint(v uint64) {
	if e.err != nil {
		return
	}
	n := binary.PutUvarint(e.buf[:], v)
	_, e.err = e.w.Write(e.buf[:n])
}

func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

type dec struct {
	r   *bufio.Reader
	err error
}

func (d *dec) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *dec) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
	}
	return v
}

// count reads a length, refusing absurd values from corrupt input.
func (d *dec) count() int {
	v := d.uint()
	if v > 1<<26 {
		d.fail(fmt.Errorf("count %d too large", v))
		return 0
	}
	return int(v)
}

func (d *dec) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > 1<<20 {
		d.fail(fmt.Errorf("string length %d too large", n))
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
		return ""
	}
	return string(b)
}
