// Package perceptron implements the averaged multiclass perceptron that
// kg's tagger, parser and entity recognizer are trained with.
//
// Features are 64-bit hashes (see Hash), so callers build them without
// allocating strings. A trained Model is frozen into dense rows of float32
// weights, one row per feature and one column per class, and serialised
// compactly with Save and Load. The package knows nothing about language;
// it must not grow feature templates of its own.
package perceptron

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"unsafe"
)

// Hash mixes parts into a feature hash: an FNV-1a over the template id and
// the bytes of each string, with a separator between parts.
func Hash(template uint64, parts ...string) uint64 {
	h := uint64(14695981039346656037) ^ template
	h *= 1099511628211
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

// Model holds frozen weights for scoring.
type Model struct {
	NClasses int
	index    map[uint64]int32 // feature -> row
	weights  []float32        // len(index) * NClasses
	table    *rowTable        // open-addressing copy of index, for scoring
}

// Scores adds the weights of feats into scores (len NClasses), which the
// caller zeroes first. Unknown features are ignored.
//
// The weights are tens of megabytes, read at random, so most of the time
// goes to waiting for memory. Scores therefore works through feats in
// blocks: it first loads the home slot of every feature of the block and
// then the first weight of every row found there, loads that do not depend
// on each other so that their cache misses overlap; then it adds the rows
// in feature order, as a plain loop would, so the sums are bit for bit the
// same.
func (m *Model) Scores(feats []uint64, scores []float32) {
	n := m.NClasses
	tab := m.rows()
	scores = scores[:n] // one bounds check here, none in the loop
	if n == 0 {
		return
	}
	var rows [scoreBlock]int32    // row of each feature, -1 for none
	var first [scoreBlock]float32 // the row's first weight
	for len(feats) > 0 {
		blk := feats[:min(len(feats), scoreBlock)]
		feats = feats[len(blk):]
		for x, f := range blk {
			s := &tab.slots[tab.slot(f)]
			r := s.row
			if r >= 0 && s.key != f {
				r = -2 // not in its home slot
			}
			rows[x&(scoreBlock-1)] = r
		}
		for x, f := range blk {
			if rows[x&(scoreBlock-1)] == -2 {
				rows[x&(scoreBlock-1)] = int32(tab.find(f)) // the slots are cached now
			}
		}
		for x := range blk {
			if r := rows[x&(scoreBlock-1)]; r >= 0 {
				first[x&(scoreBlock-1)] = m.weights[int(r)*n]
			}
		}
		for x := range blk {
			r := int(rows[x&(scoreBlock-1)])
			if r < 0 {
				continue
			}
			row := m.weights[r*n : r*n+n]
			row = row[:len(scores)]
			scores[0] += first[x&(scoreBlock-1)]
			c := 1
			for ; c+4 <= len(scores); c += 4 {
				s, w := scores[c:c+4:c+4], row[c:c+4:c+4]
				s[0] += w[0]
				s[1] += w[1]
				s[2] += w[2]
				s[3] += w[3]
			}
			for ; c < len(scores); c++ {
				scores[c] += row[c]
			}
		}
	}
}

// scoreBlock is how many features Scores looks up at once (a power of 2).
const scoreBlock = 32

// rowTable is an open-addressing hash table from feature to row, several
// times faster to probe than a Go map on the scoring path. A slot holds
// its key and row together, so that a probe reads one cache line.
type rowTable struct {
	slots []rowSlot
	shift uint
}

type rowSlot struct {
	key uint64
	row int32 // -1 marks an empty slot
}

func (m *Model) rows() *rowTable {
	if m.table == nil {
		m.table = newRowTable(m.index)
	}
	return m.table
}

func newRowTable(index map[uint64]int32) *rowTable {
	size, shift := 16, uint(60)
	for size < 2*len(index) {
		size *= 2
		shift--
	}
	t := &rowTable{slots: MakeTable[rowSlot](size), shift: shift}
	for i := range t.slots {
		t.slots[i].row = -1
	}
	mask := len(t.slots) - 1
	for f, r := range index {
		i := t.slot(f)
		for t.slots[i].row >= 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = rowSlot{f, r}
	}
	return t
}

func (t *rowTable) slot(f uint64) int { return int((f * 0x9E3779B97F4A7C15) >> (t.shift & 63)) }

func (t *rowTable) find(f uint64) int {
	mask := len(t.slots) - 1
	for i := t.slot(f); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.row < 0 {
			return -1
		}
		if s.key == f {
			return int(s.row)
		}
	}
}

// Predict returns the best class among those allowed (nil allows all).
func (m *Model) Predict(feats []uint64, allowed func(int) bool, scratch []float32) int {
	return argmax(m.NClasses, feats, allowed, scratch, m.Scores)
}

// argmax scores feats with score into scratch and returns the best
// allowed class.
func argmax(n int, feats []uint64, allowed func(int) bool, scratch []float32, score func([]uint64, []float32)) int {
	if len(scratch) < n {
		scratch = make([]float32, n)
	}
	scratch = scratch[:n]
	for i := range scratch {
		scratch[i] = 0
	}
	score(feats, scratch)
	best, bestScore := -1, float32(math.Inf(-1))
	for c, s := range scratch {
		if allowed != nil && !allowed(c) {
			continue
		}
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// Features returns the number of distinct features with weights.
func (m *Model) Features() int { return len(m.index) }

// Trainer accumulates averaged perceptron updates.
type Trainer struct {
	NClasses int
	index    map[uint64]int32
	w        []float32 // current weights
	total    []float64 // sum of weights over time (lazy)
	stamp    []int64   // time of last update per cell
	t        int64     // number of instances seen
}

// NewTrainer returns a trainer for n classes.
func NewTrainer(n int) *Trainer {
	return &Trainer{NClasses: n, index: map[uint64]int32{}}
}

// Tick marks one training instance; call once per Update call site
// whether or not the prediction was right, so averaging is correct.
func (t *Trainer) Tick() { t.t++ }

// Scores computes the current (non-averaged) scores.
func (t *Trainer) Scores(feats []uint64, scores []float32) {
	n := t.NClasses
	for _, f := range feats {
		if r, ok := t.index[f]; ok {
			row := t.w[int(r)*n : int(r)*n+n]
			for c, w := range row {
				scores[c] += w
			}
		}
	}
}

// Predict is Model.Predict with the current weights.
func (t *Trainer) Predict(feats []uint64, allowed func(int) bool, scratch []float32) int {
	return argmax(t.NClasses, feats, allowed, scratch, t.Scores)
}

func (t *Trainer) row(f uint64) int {
	r, ok := t.index[f]
	if !ok {
		r = int32(len(t.index))
		t.index[f] = r
		n := t.NClasses
		t.w = append(t.w, make([]float32, n)...)
		t.total = append(t.total, make([]float64, n)...)
		t.stamp = append(t.stamp, make([]int64, n)...)
	}
	return int(r)
}

func (t *Trainer) add(f uint64, c int, v float32) {
	i := t.row(f)*t.NClasses + c
	t.total[i] += float64(t.t-t.stamp[i]) * float64(t.w[i])
	t.stamp[i] = t.t
	t.w[i] += v
}

// Update rewards truth and penalises guess for feats; a no-op when they
// are equal.
func (t *Trainer) Update(feats []uint64, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.add(f, truth, 1)
		if guess >= 0 {
			t.add(f, guess, -1)
		}
	}
}

// Average freezes the averaged weights into a Model. Features whose
// averaged weights are all below prune in absolute value are dropped.
func (t *Trainer) Average(prune float32) *Model {
	n := t.NClasses
	m := &Model{NClasses: n, index: map[uint64]int32{}}
	keys := make([]uint64, 0, len(t.index))
	for f := range t.index {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	row := make([]float32, n)
	for _, f := range keys {
		r := int(t.index[f])
		keep := false
		for c := 0; c < n; c++ {
			i := r*n + c
			tot := t.total[i] + float64(t.t-t.stamp[i])*float64(t.w[i])
			row[c] = float32(tot / float64(max(t.t, 1)))
			if abs32(row[c]) > prune {
				keep = true
			}
		}
		if keep {
			m.index[f] = int32(len(m.index))
			m.weights = append(m.weights, row...)
		}
	}
	m.table = newRowTable(m.index)
	return m
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

const magic = "kgpcp1"

// Save writes the model gzip-compressed with full float32 weights, so a
// loaded model scores exactly as the trained one.
func (m *Model) Save(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	keys := make([]uint64, len(m.index))
	for f, r := range m.index {
		keys[r] = f
	}
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(m.NClasses))
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	if err := binary.Write(bw, binary.LittleEndian, keys); err != nil {
		return err
	}
	if err := binary.Write(bw, binary.LittleEndian, m.weights); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<20)
	hdr := make([]byte, len(magic))
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr) != magic {
		return nil, errors.New("perceptron: not a model file")
	}
	var nc, nf uint32
	binary.Read(br, binary.LittleEndian, &nc)
	if err := binary.Read(br, binary.LittleEndian, &nf); err != nil {
		return nil, fmt.Errorf("perceptron: %w", err)
	}
	// A corrupt header must not make us allocate gigabytes.
	if nc == 0 || nc > 1<<16 || nf > 1<<26 || uint64(nf)*uint64(nc) > 1<<28 {
		return nil, fmt.Errorf("perceptron: implausible model size (%d features × %d classes)", nf, nc)
	}
	keys := make([]uint64, nf)
	if err := readLittleEndian(br, keys); err != nil {
		return nil, fmt.Errorf("perceptron: %w", err)
	}
	m := &Model{NClasses: int(nc), index: make(map[uint64]int32, nf), weights: MakeTable[float32](int(nf) * int(nc))}
	if err := readLittleEndian(br, m.weights); err != nil {
		return nil, fmt.Errorf("perceptron: %w", err)
	}
	for i, f := range keys {
		m.index[f] = int32(i)
	}
	m.table = newRowTable(m.index)
	return m, nil
}

// readLittleEndian fills dst from r's little-endian encoding, as
// binary.Read does. On a little-endian machine the bytes are read straight
// into dst's memory: binary.Read decodes through a copy, a tenth of the
// time of loading the models.
func readLittleEndian[T uint64 | float32](r io.Reader, dst []T) error {
	if len(dst) == 0 {
		return nil
	}
	if !littleEndian {
		return binary.Read(r, binary.LittleEndian, dst)
	}
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), len(dst)*int(unsafe.Sizeof(dst[0])))
	_, err := io.ReadFull(r, raw)
	return err
}

// littleEndian reports whether this machine stores numbers little-endian.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()
