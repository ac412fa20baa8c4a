package parser

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/kg-project/kg/extract/perceptron"
)

// table is a frozen perceptron model in an open-addressing hash table laid
// out for fast lookup: one probe sequence over a flat key array and one
// contiguous weight row per feature. It scores with the weights of the
// perceptron.Model it was built from rounded to 16-bit steps (quantUnit),
// which keeps most of the table in the processor's caches; it saves the
// exact weights.
type table struct {
	nc    int
	shift uint
	inl   []slot3   // nc == 3: the three weights inline in the slot
	slots []slot    // otherwise: where the row's non-zero weights are in sp
	sp    []centry  // non-zero weights, row after row
	q     []qentry  // sp quantized in steps of unit, for scoring
	w     []float32 // nc == 3: dense rows, for saving
	zero  int32     // row of the feature whose hash is 0, or -1
	zero3 [3]int16  // nc == 3: that row, quantized
	unit  float32   // the weight of one step of slot3.w or qentry.w

	rowKeys []uint64 // feature of each row, in row order
	rowOff  []uint32 // nc != 3: row r's weights are sp[rowOff[r]:rowOff[r+1]]
}

// centry is one non-zero weight of a sparse row.
type centry struct {
	c uint32
	w float32
}

// qentry is a centry quantized for scoring: half the bytes, so that more
// of the table stays in the processor's caches.
type qentry struct {
	c uint16
	w int16 // in steps of table.unit
}

const tableMagic = "kgpcp1" // the perceptron package's Save format

// tableFromModel converts a model through its serialised form (the
// perceptron package exposes no accessor for its weights).
func tableFromModel(m *perceptron.Model) (*table, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(m.Save(pw)) }()
	t, err := readTable(pr)
	pr.CloseWithError(errors.New("done"))
	return t, err
}

// readTable reads a model in the format written by perceptron.Model.Save.
func readTable(r io.Reader) (*table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	hdr := make([]byte, len(tableMagic))
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr) != tableMagic {
		return nil, errors.New("not a perceptron model")
	}
	var nc, nf uint32
	if err := binary.Read(br, binary.LittleEndian, &nc); err != nil {
		return nil, err
	}
	if err := binary.Read(br, binary.LittleEndian, &nf); err != nil {
		return nil, err
	}
	if nc == 0 || nc > 1<<16 || nf > 1<<27 || uint64(nc)*uint64(nf) > 1<<31 {
		return nil, fmt.Errorf("implausible model size %d×%d", nf, nc)
	}
	keys := make([]uint64, nf)
	if err := readU64s(br, keys); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	w := make([]float32, int(nf)*int(nc))
	if err := readF32s(br, w); err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	return newTable(int(nc), keys, w), nil
}

// newTable indexes rows of nc weights (dense in w) keyed by keys.
func newTable(nc int, keys []uint64, w []float32) *table {
	if nc == 3 {
		return indexTable(nc, keys, w, nil, nil)
	}
	rowOff := make([]uint32, len(keys)+1)
	var sp []centry
	for r := range keys {
		rowOff[r] = uint32(len(sp))
		for c, x := range w[r*nc : (r+1)*nc] {
			if x != 0 {
				sp = append(sp, centry{uint32(c), x})
			}
		}
	}
	rowOff[len(keys)] = uint32(len(sp))
	return indexTable(nc, keys, nil, rowOff, sp)
}

// indexTable builds the hash index over rows given densely in w (nc == 3)
// or sparsely in rowOff/sp.
func indexTable(nc int, keys []uint64, w []float32, rowOff []uint32, sp []centry) *table {
	t := &table{nc: nc, zero: -1, rowKeys: keys, w: w, rowOff: rowOff, sp: sp}
	size, bits := 1, uint(0)
	for size < len(keys)+len(keys)/2+2 { // load factor at most 2/3
		size *= 2
		bits++
	}
	t.shift = 64 - bits
	mask := uint64(size - 1)
	if nc == 3 {
		t.inl = perceptron.MakeTable[slot3](size)
		var m uint32
		for _, x := range w {
			m = max(m, math.Float32bits(x)&^(1<<31))
		}
		t.unit = quantUnit(math.Float32frombits(m))
	} else {
		t.slots = perceptron.MakeTable[slot](size)
		var m uint32
		for _, e := range sp {
			m = max(m, math.Float32bits(e.w)&^(1<<31))
		}
		t.unit = quantUnit(math.Float32frombits(m))
		t.q = make([]qentry, len(sp))
		inv := 1 / t.unit
		for i, e := range sp {
			t.q[i] = qentry{uint16(e.c), quantize(e.w, inv)}
		}
	}
	inl, shift := t.inl, t.shift&63
	// Quantized first, in a pass of its own: the insertion loop below
	// waits on a cache miss for each key, and a short body lets the
	// processor keep more of them in flight.
	var q3 []int16
	if inl != nil {
		q3 = make([]int16, len(w))
		inv := 1 / t.unit
		for i, x := range w {
			q3[i] = quantize(x, inv)
		}
	}
	for r, k := range keys {
		if k == 0 {
			t.zero = int32(r)
			if inl != nil {
				t.zero3 = [3]int16{q3[3*r], q3[3*r+1], q3[3*r+2]}
			}
			continue
		}
		i := (k * 0x9E3779B97F4A7C15) >> shift
		if inl != nil {
			for inl[i].key != 0 && inl[i].key != k {
				i = (i + 1) & mask
			}
			inl[i] = slot3{k, [3]int16{q3[3*r], q3[3*r+1], q3[3*r+2]}}
			continue
		}
		for t.slots[i].key != 0 && t.slots[i].key != k {
			i = (i + 1) & mask
		}
		t.slots[i] = slot{k, rowOff[r], rowOff[r+1]}
	}
	return t
}

// rowWeights writes row r densely into out (len nc).
func (t *table) rowWeights(r int, out []float32) {
	if t.nc == 3 {
		copy(out, t.w[3*r:3*r+3])
		return
	}
	for i := range out {
		out[i] = 0
	}
	for _, e := range t.sp[t.rowOff[r]:t.rowOff[r+1]] {
		out[e.c] = e.w
	}
}

func readU64s(r io.Reader, out []uint64) error {
	buf := make([]byte, 1<<16)
	for len(out) > 0 {
		n := min(len(out), len(buf)/8)
		b := buf[:n*8]
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
		for i := range n {
			out[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
		out = out[n:]
	}
	return nil
}

func readF32s(r io.Reader, out []float32) error {
	buf := make([]byte, 1<<16)
	for len(out) > 0 {
		n := min(len(out), len(buf)/4)
		b := buf[:n*4]
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
		for i := range n {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
		out = out[n:]
	}
	return nil
}

const (
	sparseMagic  = "kgptab1"
	sparseMagic2 = "kgptab2"
)

var errNotSparse = errors.New("not a parser weight table")

// write saves the table sparsely: per feature its key and its non-zero
// weights as (class, float32) pairs, in a gzip stream of stored blocks
// (the data is nearly incompressible). Weights are exact.
func (t *table) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	bw.WriteString(sparseMagic)
	var b [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(b[:binary.PutUvarint(b[:], x)]) }
	uv(uint64(t.nc))
	uv(uint64(len(t.rowKeys)))
	row := make([]float32, t.nc)
	for r, k := range t.rowKeys {
		binary.LittleEndian.PutUint64(b[:8], k)
		bw.Write(b[:8])
		t.rowWeights(r, row)
		nz := 0
		for _, x := range row {
			if x != 0 {
				nz++
			}
		}
		uv(uint64(nz))
		for c, x := range row {
			if x != 0 {
				uv(uint64(c))
				binary.LittleEndian.PutUint32(b[:4], math.Float32bits(x))
				bw.Write(b[:4])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readSparse reads a table written by write.
func readSparse(r io.Reader) (*table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	hdr := make([]byte, len(sparseMagic))
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr) != sparseMagic {
		return nil, errNotSparse
	}
	nc, err1 := binary.ReadUvarint(br)
	nf, err2 := binary.ReadUvarint(br)
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	if nc == 0 || nc > 1<<16 || nf > 1<<27 || nc*nf > 1<<31 {
		return nil, fmt.Errorf("implausible table size %d×%d", nf, nc)
	}
	keys := make([]uint64, nf)
	var w []float32
	var rowOff []uint32
	var sp []centry
	if nc == 3 {
		w = make([]float32, 3*nf)
	} else {
		rowOff = make([]uint32, nf+1)
		sp = make([]centry, 0, nf*4)
	}
	var b [8]byte
	for r := range keys {
		if _, err := io.ReadFull(br, b[:8]); err != nil {
			return nil, fmt.Errorf("row %d: %w", r, err)
		}
		keys[r] = binary.LittleEndian.Uint64(b[:8])
		nz, err := binary.ReadUvarint(br)
		if err != nil || nz > nc {
			return nil, fmt.Errorf("row %d: bad count (%v)", r, err)
		}
		if rowOff != nil {
			rowOff[r] = uint32(len(sp))
		}
		last := -1
		for range nz {
			c, err := binary.ReadUvarint(br)
			if err != nil || c >= nc || int(c) <= last {
				return nil, fmt.Errorf("row %d: bad class (%v)", r, err)
			}
			last = int(c)
			if _, err := io.ReadFull(br, b[:4]); err != nil {
				return nil, fmt.Errorf("row %d: %w", r, err)
			}
			x := math.Float32frombits(binary.LittleEndian.Uint32(b[:4]))
			if w != nil {
				w[uint64(r)*nc+c] = x
			} else {
				sp = append(sp, centry{uint32(c), x})
			}
		}
	}
	if rowOff != nil {
		rowOff[nf] = uint32(len(sp))
	}
	return indexTable(int(nc), keys, w, rowOff, sp), nil
}

// entry returns the entry of c where feature f belongs, nil if c is nil.
func (c *rowCache) entry(f uint64) *slot {
	if c == nil {
		return nil
	}
	return &c[(f*0x9E3779B97F4A7C15)>>(64-rowCacheBits)]
}

type slot struct {
	key     uint64
	lo, end uint32 // the row's entries in sp
}

type slot3 struct {
	key uint64
	w   [3]int16 // weights in steps of table.unit
}

// quantUnit returns the step for storing weights of magnitude up to m as
// int16: the smallest power of two that keeps m in range. (Callers find
// m as the largest of the weights' bits without the sign: for floats that
// are not NaN, the order of those bits is the order of the magnitudes.)
//
// Scores are sums of quantized weights, added as integers: each weight is
// off by at most half a step (2^-9 for weights below 64 in magnitude),
// and the sum no longer depends on the order of addition.
func quantUnit(m float32) float32 {
	u := float32(1.0 / 65536)
	for i := 0; i < 64 && !(m/u <= 32000); i++ { // bounded: m may be NaN or infinite in a damaged file
		u *= 2
	}
	return u
}

// quantize returns x·inv rounded to the nearest integer (ties to even:
// math.RoundToEven is one instruction on amd64, math.Round is not, and
// building the tables rounds 2.5 million weights at every start).
func quantize(x, inv float32) int16 { return int16(math.RoundToEven(float64(x) * float64(inv))) }

// find returns the slot of feature f, or nil.
func (t *table) find(f uint64) *slot {
	mask := uint64(len(t.slots) - 1)
	i := (f * 0x9E3779B97F4A7C15) >> (t.shift & 63)
	for {
		s := &t.slots[i&mask]
		if s.key == f {
			return s
		}
		if s.key == 0 {
			return nil
		}
		i++
	}
}

// Scores adds the weights of feats into scores.
func (t *table) Scores(feats []uint64, scores []float32) {
	if t.inl != nil {
		t.scores3(feats, scores)
		return
	}
	t.scoresCached(feats, scores, make([]int32, len(scores)), nil)
}

// rowCache holds where the rows of recently scored features of a sparse
// table are, for one goroutine: a direct-mapped copy of recent slots. The
// table is larger than the processor's caches and a feature recurs often
// (the same words across the states of a sentence, frequent tag n-grams
// across sentences), so it saves most of the slow probes of the
// labelled-action model (8 in 10 of its features are found in it).
type rowCache [1 << rowCacheBits]slot

const rowCacheBits = 13 // 8192 entries of 16 bytes: 128 KiB

// scoresCached is Scores for a sparse table through cache c (nil for
// none); a feature without a row is cached as an empty row. It finds the
// rows of a block of features first, then loads the first weight of each
// row, loads that do not depend on each other so that their cache misses
// overlap, then adds the rows' quantized weights into acc (scratch of at
// least len(scores)) as integers, and finally acc in units into scores.
func (t *table) scoresCached(feats []uint64, scores []float32, acc []int32, c *rowCache) {
	const blk = probeBlock
	var los, ends [blk]uint32
	var first [blk]qentry
	acc = acc[:len(scores)]
	clear(acc)
	for len(feats) > 0 {
		b := feats[:min(len(feats), blk)]
		feats = feats[len(b):]
		for x, f := range b {
			var lo, end uint32
			if f == 0 {
				if t.zero >= 0 {
					lo, end = t.rowOff[t.zero], t.rowOff[t.zero+1]
				}
			} else if e := c.entry(f); e != nil && e.key == f {
				lo, end = e.lo, e.end
			} else {
				if s := t.find(f); s != nil {
					lo, end = s.lo, s.end
				}
				if e != nil {
					*e = slot{f, lo, end}
				}
			}
			los[x&(blk-1)], ends[x&(blk-1)] = lo, end
		}
		for x := range b {
			if lo := los[x&(blk-1)]; lo < ends[x&(blk-1)] {
				first[x&(blk-1)] = t.q[lo]
			}
		}
		for x := range b {
			lo, end := los[x&(blk-1)], ends[x&(blk-1)]
			if lo >= end {
				continue
			}
			if e := first[x&(blk-1)]; int(e.c) < len(acc) {
				acc[e.c] += int32(e.w)
			}
			for _, e := range t.q[lo+1 : end] {
				if int(e.c) < len(acc) {
					acc[e.c] += int32(e.w)
				}
			}
		}
	}
	for i, x := range acc {
		scores[i] += float32(x) * t.unit
	}
}

// scores3 adds the inline 3-class weights of feats. It works through
// feats in blocks: first it loads the home slot of every feature of the
// block (loadHomes), then it probes in feature order with the slots cached
// (add3), adding the quantized weights as integers.
func (t *table) scores3(feats []uint64, scores []float32) {
	var a, b, c int32
	var home [probeBlock]uint64
	for len(feats) > 0 {
		blk := feats[:min(len(feats), probeBlock)]
		feats = feats[len(blk):]
		t.loadHomes(blk, home[:len(blk)])
		a, b, c = t.add3(blk, home[:len(blk)], a, b, c)
	}
	scores[0] += float32(a) * t.unit
	scores[1] += float32(b) * t.unit
	scores[2] += float32(c) * t.unit
}

// loadHomes sets home[i] to the key in the home slot of feats[i] (len(home)
// == len(feats)). The loads do not depend on each other, so their cache
// misses overlap: the table is far larger than the processor's caches,
// and a plain probe loop, whose branches depend on each load, waits for
// them nearly one by one.
func (t *table) loadHomes(feats, home []uint64) {
	inl := t.inl
	shift := t.shift & 63 // (no shift-count check in the loop)
	mask := uint64(len(inl) - 1)
	home = home[:len(feats)]
	for x, f := range feats {
		home[x] = inl[((f*0x9E3779B97F4A7C15)>>shift)&mask].key
	}
}

// add3 adds the rows of feats to a, b and c in feature order, given the
// keys loadHomes found in their home slots, and returns the sums.
func (t *table) add3(feats, home []uint64, a, b, c int32) (int32, int32, int32) {
	inl := t.inl
	shift := t.shift & 63
	mask := uint64(len(inl) - 1)
	home = home[:len(feats)]
	for x, f := range feats {
		if f == 0 {
			if t.zero >= 0 {
				a += int32(t.zero3[0])
				b += int32(t.zero3[1])
				c += int32(t.zero3[2])
			}
			continue
		}
		if home[x] == 0 {
			continue // an empty home slot: f has no row
		}
		for i := (f * 0x9E3779B97F4A7C15) >> shift; ; i++ {
			s := &inl[i&mask]
			if s.key == f {
				a += int32(s.w[0])
				b += int32(s.w[1])
				c += int32(s.w[2])
				break
			}
			if s.key == 0 {
				break
			}
		}
	}
	return a, b, c
}

// probeBlock is how many features scores3 looks up at once (a power of 2).
const probeBlock = 64

// pruned returns a copy without the features whose weights are all at most
// th in magnitude (the criterion of perceptron.Trainer.Average).
func (t *table) pruned(th float32) *table {
	var keys []uint64
	var w []float32
	row := make([]float32, t.nc)
	for r, k := range t.rowKeys {
		t.rowWeights(r, row)
		keep := false
		for _, x := range row {
			if x > th || -x > th {
				keep = true
				break
			}
		}
		if keep {
			keys = append(keys, k)
			w = append(w, row...)
		}
	}
	return newTable(t.nc, keys, w)
}

// writeFixed saves the table in fixed-width little-endian arrays, which
// readFixed takes apart without decoding a varint or copying through a
// reader: the magic, the class, feature and weight counts as uvarints,
// then the keys; then for three classes the dense rows, otherwise each
// row's number of non-zero weights (uint16), their classes (uint16) and
// the weights. Weights are exact.
func (t *table) writeFixed(w io.Writer) error {
	if t.nc > math.MaxUint16 {
		return fmt.Errorf("%d classes, at most %d", t.nc, math.MaxUint16)
	}
	var hdr []byte
	hdr = append(hdr, sparseMagic2...)
	nw := len(t.w)
	if t.nc != 3 {
		nw = len(t.sp)
	}
	hdr = binary.AppendUvarint(hdr, uint64(t.nc))
	hdr = binary.AppendUvarint(hdr, uint64(len(t.rowKeys)))
	hdr = binary.AppendUvarint(hdr, uint64(nw))
	size := len(hdr) + 8*len(t.rowKeys) + 4*nw
	if t.nc != 3 {
		size += 2*len(t.rowKeys) + 2*nw
	}
	b := make([]byte, size)
	o := copy(b, hdr)
	for _, k := range t.rowKeys {
		binary.LittleEndian.PutUint64(b[o:], k)
		o += 8
	}
	if t.nc == 3 {
		for _, x := range t.w {
			binary.LittleEndian.PutUint32(b[o:], math.Float32bits(x))
			o += 4
		}
	} else {
		for r := range t.rowKeys {
			binary.LittleEndian.PutUint16(b[o:], uint16(t.rowOff[r+1]-t.rowOff[r]))
			o += 2
		}
		for _, e := range t.sp {
			binary.LittleEndian.PutUint16(b[o:], uint16(e.c))
			o += 2
		}
		for _, e := range t.sp {
			binary.LittleEndian.PutUint32(b[o:], math.Float32bits(e.w))
			o += 4
		}
	}
	_, err := w.Write(b)
	return err
}

// readFixed reads a table written by writeFixed from b.
func readFixed(b []byte) (*table, error) {
	if len(b) < len(sparseMagic2) || string(b[:len(sparseMagic2)]) != sparseMagic2 {
		return nil, errNotSparse
	}
	b = b[len(sparseMagic2):]
	var vals [3]uint64
	for i := range vals {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("bad header")
		}
		vals[i], b = v, b[n:]
	}
	nc, nf, nw := vals[0], vals[1], vals[2]
	if nc == 0 || nc > math.MaxUint16 || nf > 1<<27 || nw > nc*nf {
		return nil, fmt.Errorf("implausible table size %d×%d, %d weights", nf, nc, nw)
	}
	want := 8*nf + 4*nw
	if nc == 3 {
		if nw != 3*nf {
			return nil, fmt.Errorf("%d weights for %d dense rows", nw, nf)
		}
	} else {
		want += 2*nf + 2*nw
	}
	if uint64(len(b)) != want {
		return nil, fmt.Errorf("table of %d bytes, want %d", len(b), want)
	}
	keys := make([]uint64, nf)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	b = b[8*nf:]
	if nc == 3 {
		w := make([]float32, nw)
		for i := range w {
			w[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
		return indexTable(3, keys, w, nil, nil), nil
	}
	counts, cls, ws := b[:2*nf], b[2*nf:2*nf+2*nw], b[2*nf+2*nw:]
	rowOff := make([]uint32, nf+1)
	sp := make([]centry, nw)
	off := uint64(0)
	for r := range nf {
		rowOff[r] = uint32(off)
		n := uint64(binary.LittleEndian.Uint16(counts[2*r:]))
		if n > nc || off+n > nw {
			return nil, fmt.Errorf("row %d: bad count %d", r, n)
		}
		last := -1
		for i := off; i < off+n; i++ {
			c := int(binary.LittleEndian.Uint16(cls[2*i:]))
			if c >= int(nc) || c <= last {
				return nil, fmt.Errorf("row %d: bad class %d", r, c)
			}
			last = c
			sp[i] = centry{uint32(c), math.Float32frombits(binary.LittleEndian.Uint32(ws[4*i:]))}
		}
		off += n
	}
	if off != nw {
		return nil, fmt.Errorf("rows hold %d weights, want %d", off, nw)
	}
	rowOff[nf] = uint32(off)
	return indexTable(int(nc), keys, nil, rowOff, sp), nil
}

// withoutLastClass returns a copy without the last class, dropping the
// rows that are left all zero.
func (t *table) withoutLastClass() *table {
	var keys []uint64
	var w []float32
	row := make([]float32, t.nc)
	for r, k := range t.rowKeys {
		t.rowWeights(r, row)
		keep := false
		for _, x := range row[:t.nc-1] {
			if x != 0 {
				keep = true
				break
			}
		}
		if keep {
			keys = append(keys, k)
			w = append(w, row[:t.nc-1]...)
		}
	}
	return newTable(t.nc-1, keys, w)
}
