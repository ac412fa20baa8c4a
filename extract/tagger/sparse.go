package tagger

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/kg-project/kg/extract/perceptron"
)

// sparseModel is a frozen perceptron model that keeps only the non-zero
// weights of each feature row. A tagger feature has weights for a handful
// of its 79 classes (4.6 on average), so the rows take a fourteenth of the
// memory of dense ones: they load without inflating tens of megabytes and
// stay in cache while tagging. Scores adds the weights of every class in
// feature order, as perceptron.Model does, and a zero weight added changes
// no sum, so the scores are bit for bit those of the dense model.
type sparseModel struct {
	nc    int
	slots []sparseSlot // open addressing on the feature key
	shift uint         // slot = key*golden >> shift
	cls   []uint16     // class of each kept weight, rows one after another
	w     []float32    // the weights
	keys  []uint64     // feature of each row, in weight order
	count []uint16     // weights of each row
	dw    []float32    // rows kept dense in memory, nc weights each
}

type sparseSlot struct {
	key uint64
	off uint32 // the row's first weight in cls and w, or in dw if n < 0
	n   int32  // weights in the row; 0 marks an empty slot, -1 a dense row
}

// maxSparseClasses bounds the classes a sparse model can hold (a class is
// a uint16, and so is a row's weight count).
const maxSparseClasses = 1<<16 - 1

func (m *sparseModel) slot(f uint64) int { return int((f * 0x9E3779B97F4A7C15) >> (m.shift & 63)) }

// denseRow reports whether a row of n weights is kept dense in memory: the
// frequent features (the bias, common words) have weights for most
// classes, and adding a dense row costs less than scattering its entries.
func (m *sparseModel) denseRow(n int) bool { return 4*n > m.nc }

// build checks the rows and makes the slot table and the dense rows.
func (m *sparseModel) build(keys []uint64, counts []uint16) error {
	if len(keys) != len(counts) || len(m.cls) != len(m.w) {
		return errors.New("inconsistent row arrays")
	}
	for _, c := range m.cls {
		if int(c) >= m.nc {
			return fmt.Errorf("class %d out of range", c)
		}
	}
	size, shift := 16, uint(60)
	for size < 2*len(keys) {
		size *= 2
		shift--
	}
	m.slots, m.shift, m.keys, m.count, m.dw = make([]sparseSlot, size), shift, keys, counts, nil
	mask := size - 1
	off := uint32(0)
	for r, f := range keys {
		n := uint32(counts[r])
		if n == 0 || int(n) > m.nc || uint64(off)+uint64(n) > uint64(len(m.w)) {
			return fmt.Errorf("feature %d has %d weights", r, n)
		}
		i := m.slot(f)
		for m.slots[i].n != 0 {
			if m.slots[i].key == f {
				return fmt.Errorf("feature %x twice", f)
			}
			i = (i + 1) & mask
		}
		sl := sparseSlot{key: f, off: off, n: int32(n)}
		if m.denseRow(int(n)) {
			sl.off, sl.n = uint32(len(m.dw)), -1
			row := make([]float32, m.nc)
			for k := off; k < off+n; k++ {
				row[m.cls[k]] = m.w[k]
			}
			m.dw = append(m.dw, row...)
		}
		m.slots[i] = sl
		off += n
	}
	if int(off) != len(m.w) {
		return fmt.Errorf("row counts add up to %d weights, have %d", off, len(m.w))
	}
	return nil
}

func (m *sparseModel) find(f uint64) *sparseSlot {
	mask := len(m.slots) - 1
	for i := m.slot(f); ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.n == 0 || s.key == f {
			return s
		}
	}
}

// scoreBlock is how many features Scores looks up before adding their
// rows: the lookups do not depend on each other, so their cache misses
// overlap.
const scoreBlock = 16

// Scores adds the weights of feats into scores (len nc, zeroed by the
// caller), feature after feature.
func (m *sparseModel) Scores(feats []uint64, scores []float32) {
	if len(m.slots) == 0 || m.nc == 0 {
		return
	}
	scores = scores[:m.nc]
	var found [scoreBlock]*sparseSlot
	for len(feats) > 0 {
		blk := feats[:min(len(feats), scoreBlock)]
		feats = feats[len(blk):]
		for x, f := range blk {
			found[x] = m.find(f)
		}
		for _, s := range found[:len(blk)] {
			switch {
			case s.n < 0:
				row := m.dw[s.off : s.off+uint32(len(scores))]
				for c := range scores {
					scores[c] += row[c]
				}
			case s.n > 0:
				cls := m.cls[s.off : s.off+uint32(s.n)]
				w := m.w[s.off : s.off+uint32(s.n)]
				w = w[:len(cls)]
				for k, c := range cls {
					scores[c] += w[k]
				}
			}
		}
	}
}

// Predict returns the best class among those allowed (nil allows all),
// the first of equal scores, as perceptron.Model.Predict does.
func (m *sparseModel) Predict(feats []uint64, allowed func(int) bool, scratch []float32) int {
	if len(scratch) < m.nc {
		scratch = make([]float32, m.nc)
	}
	scratch = scratch[:m.nc]
	for i := range scratch {
		scratch[i] = 0
	}
	m.Scores(feats, scratch)
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

// Features returns the number of features with weights.
func (m *sparseModel) Features() int { return len(m.keys) }

// sparseFromRows converts a perceptron model given the features it may
// have weights for (a superset: features without weights are left out).
// Rows are kept in ascending key order, the order of perceptron's Average
// and of its saved form.
func sparseFromRows(pm *perceptron.Model, keys []uint64) (*sparseModel, error) {
	nc := pm.NClasses
	if nc < 1 || nc > maxSparseClasses {
		return nil, fmt.Errorf("%d classes, a sparse model holds 1 to %d", nc, maxSparseClasses)
	}
	keys = slices.Clone(keys)
	slices.Sort(keys)
	m := &sparseModel{nc: nc}
	var kept []uint64
	var counts []uint16
	row := make([]float32, nc)
	for _, f := range keys {
		clear(row)
		pm.Scores([]uint64{f}, row) // 0 + w is w, bit for bit
		k := 0
		for c, w := range row {
			if math.Float32bits(w)&0x7fffffff == 0 { // +0 and -0 add nothing
				continue
			}
			m.cls = append(m.cls, uint16(c))
			m.w = append(m.w, w)
			k++
		}
		if k > 0 {
			kept = append(kept, f)
			counts = append(counts, uint16(k))
		}
	}
	if len(kept) > pm.Features() {
		return nil, fmt.Errorf("%d features with weights, the model has %d", len(kept), pm.Features())
	}
	if err := m.build(kept, counts); err != nil {
		return nil, err
	}
	return m, nil
}

// sparseFromSaved converts a perceptron model in the form
// perceptron.Model.Save writes (tagger formats 2 and 3 embed it).
func sparseFromSaved(blob []byte) (*sparseModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	const hdr = 14 // "kgpcp1", classes, features
	if len(raw) < hdr || string(raw[:6]) != "kgpcp1" {
		return nil, errors.New("not a perceptron model")
	}
	nc := int(binary.LittleEndian.Uint32(raw[6:]))
	nf := int(binary.LittleEndian.Uint32(raw[10:]))
	if nc < 1 || nc > maxSparseClasses {
		return nil, fmt.Errorf("%d classes, a sparse model holds 1 to %d", nc, maxSparseClasses)
	}
	if uint64(len(raw)) != hdr+8*uint64(nf)+4*uint64(nf)*uint64(nc) {
		return nil, fmt.Errorf("perceptron model of %d bytes for %d features", len(raw), nf)
	}
	m := &sparseModel{nc: nc}
	keys := make([]uint64, 0, nf)
	counts := make([]uint16, 0, nf)
	ws := raw[hdr+8*nf:]
	for r := 0; r < nf; r++ {
		k := 0
		for c := 0; c < nc; c++ {
			bits := binary.LittleEndian.Uint32(ws[4*(r*nc+c):])
			if bits&0x7fffffff == 0 {
				continue
			}
			m.cls = append(m.cls, uint16(c))
			m.w = append(m.w, math.Float32frombits(bits))
			k++
		}
		if k > 0 {
			keys = append(keys, binary.LittleEndian.Uint64(raw[hdr+8*r:]))
			counts = append(counts, uint16(k))
		}
	}
	if err := m.build(keys, counts); err != nil {
		return nil, err
	}
	return m, nil
}

// sparse writes m: classes, rows and weights as uvarints, then the
// keys, row counts, classes and weights as fixed-size little-endian
// arrays, which Load copies without decoding.
func (e *enc) sparse(m *sparseModel) {
	keys, counts := m.keys, m.count
	e.uint(uint64(m.nc))
	e.uint(uint64(len(keys)))
	e.uint(uint64(len(m.w)))
	if e.err != nil {
		return
	}
	b := make([]byte, 8*len(keys)+2*len(counts)+2*len(m.cls)+4*len(m.w))
	o := 0
	for _, k := range keys {
		binary.LittleEndian.PutUint64(b[o:], k)
		o += 8
	}
	for _, c := range counts {
		binary.LittleEndian.PutUint16(b[o:], c)
		o += 2
	}
	for _, c := range m.cls {
		binary.LittleEndian.PutUint16(b[o:], c)
		o += 2
	}
	for _, w := range m.w {
		binary.LittleEndian.PutUint32(b[o:], math.Float32bits(w))
		o += 4
	}
	_, e.err = e.w.Write(b)
}

// sparse reads a model written by enc.sparse, which must have classes
// classes.
func (d *dec) sparse(classes int) *sparseModel {
	nc, nf, nw := d.uint(), d.uint(), d.uint()
	if d.err != nil {
		return nil
	}
	if nc != uint64(classes) || nc > maxSparseClasses {
		d.fail(fmt.Errorf("weights have %d classes, labels %d", nc, classes))
		return nil
	}
	if nf > 1<<26 || nw > nf*nc {
		d.fail(fmt.Errorf("implausible weights size (%d features, %d weights)", nf, nw))
		return nil
	}
	// Read in pieces no larger than what the input has delivered, so a
	// corrupt size cannot make us allocate far more than the input.
	b, err := readUpTo(d.r, 8*nf+2*nf+2*nw+4*nw)
	if err != nil {
		d.fail(fmt.Errorf("weights: %w", err))
		return nil
	}
	keys := make([]uint64, nf)
	o := 0
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(b[o:])
		o += 8
	}
	counts := make([]uint16, nf)
	for i := range counts {
		counts[i] = binary.LittleEndian.Uint16(b[o:])
		o += 2
	}
	m := &sparseModel{nc: int(nc), cls: make([]uint16, nw), w: make([]float32, nw)}
	for i := range m.cls {
		m.cls[i] = binary.LittleEndian.Uint16(b[o:])
		o += 2
	}
	for i := range m.w {
		m.w[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[o:]))
		o += 4
	}
	if err := m.build(keys, counts); err != nil {
		d.fail(fmt.Errorf("weights: %w", err))
		return nil
	}
	return m
}

// readUpTo reads exactly n bytes, growing its buffer as data arrives.
func readUpTo(r io.Reader, n uint64) ([]byte, error) {
	const chunk = 1 << 20
	b := make([]byte, 0, min(n, chunk))
	for uint64(len(b)) < n {
		k := min(n-uint64(len(b)), chunk)
		if uint64(cap(b)-len(b)) < k {
			nb := make([]byte, len(b), min(n, 2*uint64(cap(b))+k))
			copy(nb, b)
			b = nb
		}
		got, err := io.ReadFull(r, b[len(b):len(b)+int(k)])
		b = b[:len(b)+got]
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
	return b, nil
}
