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
	"github.com/kg-project/kg/extract/perceptron"
)

// DefaultModelPath is the path, relative to the module root, of the
// embedded model that cmd/kgtrain writes.
const DefaultModelPath = "extract/tagger/model/tagger.gz"

//go:embed model/tagger.gz
var defaultModel []byte

var (
	defOnce   sync.Once
	defTagger *Tagger
	defErr    error
)

// Default returns the embedded model, loading it on first use.
func Default() (*Tagger, error) {
	defOnce.Do(func() {
		defTagger, defErr = Load(bytes.NewReader(defaultModel))
		if defErr != nil {
			defErr = fmt.Errorf("tagger: embedded model: %w", defErr)
		}
	})
	return defTagger, defErr
}

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
	model      *perceptron.Model
	dict       map[string]int32 // frequent unambiguous words -> class
	amb        map[string]int32 // known words -> most frequent class
	lem        *lemmatizer
	pool       sync.Pool
}

type scratch struct {
	toks   []tok
	feats  []uint64
	scores []float32
	words  []string
}

func (t *Tagger) getScratch(n int) *scratch {
	sc, _ := t.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{scores: make([]float32, len(t.xpos))}
	}
	if cap(sc.toks) < n {
		sc.toks = make([]tok, n)
		sc.words = make([]string, n)
	}
	sc.toks = sc.toks[:n]
	sc.words = sc.words[:n]
	return sc
}

// predict returns the class of every word.
func (t *Tagger) predict(words []string, classes []int32) {
	sc := t.getScratch(len(words))
	defer t.pool.Put(sc)
	t.prepare(words, sc.toks)
	p1, p2 := int32(-1), int32(-1)
	for i, w := range words {
		c, ok := t.dict[w]
		if !ok {
			sc.feats = features(sc.toks, i, p1, p2, sc.feats[:0])
			c = int32(t.model.Predict(sc.feats, nil, sc.scores))
			if c < 0 {
				c = 0
			}
		}
		classes[i] = c
		p2, p1 = p1, c
	}
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
	classes := make([]int32, len(words))
	t.predict(words, classes)
	for i := range s.Tokens {
		tk := &s.Tokens[i]
		c := classes[i]
		tk.XPOS, tk.UPOS = t.xpos[c], t.upos[c]
		tk.Lemma = t.lem.Lemma(tk.Text, tk.XPOS)
	}
}

// Lemma returns the lemma the tagger's lemmatizer gives form tagged xpos.
func (t *Tagger) Lemma(form, xpos string) string {
	if t == nil || t.lem == nil {
		return form
	}
	return t.lem.Lemma(form, xpos)
}

const fileMagic = "kgtagger1\n"

// Save writes the tagger in the gzip-compressed form Load reads. The
// output depends only on the tagger's contents.
func (t *Tagger) Save(w io.Writer) error {
	var mb bytes.Buffer
	if err := t.model.Save(&mb); err != nil {
		return fmt.Errorf("tagger: save weights: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
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
	e.uint(uint64(mb.Len()))
	if e.err == nil {
		_, e.err = bw.Write(mb.Bytes())
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
	if d.str() != fileMagic {
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
	size := d.uint()
	if d.err != nil {
		return nil, fmt.Errorf("tagger: load: %w", d.err)
	}
	if size > 1<<31 {
		return nil, fmt.Errorf("tagger: load: weights size %d too large", size)
	}
	blob := make([]byte, size)
	if _, err := io.ReadFull(d.r, blob); err != nil {
		return nil, fmt.Errorf("tagger: load weights: %w", err)
	}
	if err := checkWeights(blob, len(t.xpos)); err != nil {
		return nil, fmt.Errorf("tagger: load weights: %w", err)
	}
	m, err := perceptron.Load(bytes.NewReader(blob))
	if err != nil {
		return nil, fmt.Errorf("tagger: load weights: %w", err)
	}
	if m.NClasses != len(t.xpos) || len(t.xpos) == 0 {
		return nil, fmt.Errorf("tagger: load: model has %d classes, labels %d", m.NClasses, len(t.xpos))
	}
	t.model = m
	return t, nil
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
