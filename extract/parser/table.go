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
// contiguous weight row per feature. It scores exactly as the
// perceptron.Model it was built from.
type table struct {
	nc    int
	shift uint
	slots []slot  // key 0 marks an empty slot
	inl   []slot3 // used instead of slots when nc == 3: weights inline
	w     []float32
	zero  int32 // row of the feature whose hash is 0, or -1

	rowKeys []uint64 // feature of each row, for saving
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

// newTable indexes rows of nc weights keyed by keys.
func newTable(nc int, keys []uint64, w []float32) *table {
	t := &table{nc: nc, w: w, zero: -1, rowKeys: keys}
	size, bits := 1, uint(0)
	for size < 2*len(keys)+2 {
		size *= 2
		bits++
	}
	t.shift = 64 - bits
	mask := uint64(size - 1)
	if t.nc == 3 {
		t.inl = make([]slot3, size)
	} else {
		t.slots = make([]slot, size)
	}
	for r, k := range keys {
		if k == 0 {
			t.zero = int32(r)
			continue
		}
		i := (k * 0x9E3779B97F4A7C15) >> t.shift
		if t.inl != nil {
			for t.inl[i].key != 0 && t.inl[i].key != k {
				i = (i + 1) & mask
			}
			t.inl[i].key = k
			copy(t.inl[i].w[:], w[3*r:3*r+3])
			continue
		}
		for t.slots[i].key != 0 && t.slots[i].key != k {
			i = (i + 1) & mask
		}
		t.slots[i] = slot{k, int32(r)}
	}
	return t
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

const sparseMagic = "kgptab1"

var errNotSparse = errors.New("not a parser weight table")

// write saves the table sparsely: per feature its key and its non-zero
// weights as (class, float32) pairs, gzip-compressed. Weights are exact.
func (t *table) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	bw.WriteString(sparseMagic)
	var b [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(b[:binary.PutUvarint(b[:], x)]) }
	uv(uint64(t.nc))
	uv(uint64(len(t.rowKeys)))
	for r, k := range t.rowKeys {
		binary.LittleEndian.PutUint64(b[:8], k)
		bw.Write(b[:8])
		row := t.w[r*t.nc : (r+1)*t.nc]
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
	w := make([]float32, nf*nc)
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
		row := w[uint64(r)*nc : uint64(r+1)*nc]
		for range nz {
			c, err := binary.ReadUvarint(br)
			if err != nil || c >= nc {
				return nil, fmt.Errorf("row %d: bad class (%v)", r, err)
			}
			if _, err := io.ReadFull(br, b[:4]); err != nil {
				return nil, fmt.Errorf("row %d: %w", r, err)
			}
			row[c] = math.Float32frombits(binary.LittleEndian.Uint32(b[:4]))
		}
	}
	return newTable(int(nc), keys, w), nil
}

type slot struct {
	key uint64
	row int32
}

type slot3 struct {
	key uint64
	w   [3]float32
}

func (t *table) row(f uint64) int32 {
	if f == 0 {
		return t.zero
	}
	mask := uint64(len(t.slots) - 1)
	i := (f * 0x9E3779B97F4A7C15) >> t.shift
	for {
		s := &t.slots[i&mask]
		if s.key == f {
			return s.row
		}
		if s.key == 0 {
			return -1
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
	n := t.nc
	for _, f := range feats {
		r := t.row(f)
		if r < 0 {
			continue
		}
		row := t.w[int(r)*n : int(r)*n+n]
		sc := scores[:len(row)]
		c := 0
		for ; c+4 <= len(row); c += 4 {
			sc[c] += row[c]
			sc[c+1] += row[c+1]
			sc[c+2] += row[c+2]
			sc[c+3] += row[c+3]
		}
		for ; c < len(row); c++ {
			sc[c] += row[c]
		}
	}
}

func (t *table) scores3(feats []uint64, scores []float32) {
	var a, b, c float32
	mask := uint64(len(t.inl) - 1)
	for _, f := range feats {
		if f == 0 {
			if r := t.zero; r >= 0 {
				a += t.w[3*r]
				b += t.w[3*r+1]
				c += t.w[3*r+2]
			}
			continue
		}
		i := (f * 0x9E3779B97F4A7C15) >> t.shift
		for {
			s := &t.inl[i&mask]
			if s.key == f {
				a += s.w[0]
				b += s.w[1]
				c += s.w[2]
				break
			}
			if s.key == 0 {
				break
			}
			i++
		}
	}
	scores[0] += a
	scores[1] += b
	scores[2] += c
}
