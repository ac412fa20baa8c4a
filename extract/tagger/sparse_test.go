package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math/rand"
	"testing"

	"github.com/kg-project/kg/extract/perceptron"
)

// TestSparseMatchesDense checks that the sparse model scores and predicts
// exactly as the perceptron model it was made from (from the trainer or
// from perceptron's saved form), before and after a write and read, for
// known, unknown and repeated features.
func TestSparseMatchesDense(t *testing.T) {
	for _, tc := range []struct {
		name            string
		classes, feats  int
		updates, fanout int
		prune           float32
	}{
		{"one class", 1, 50, 200, 5, 0},
		{"few classes", 3, 200, 2000, 8, 0},
		{"tagger-like", 79, 5000, 20000, 12, 0},
		{"pruned", 79, 5000, 20000, 12, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewSource(int64(tc.classes + tc.feats)))
			tr := newKeyTrainer(tc.classes)
			for i := 0; i < tc.updates; i++ {
				fs := make([]uint64, tc.fanout)
				for k := range fs {
					fs[k] = uint64(rng.Intn(tc.feats)) * 0x9E3779B97F4A7C15
				}
				tr.Tick()
				tr.Update(fs, rng.Intn(tc.classes), rng.Intn(tc.classes))
			}
			dense := tr.Average(tc.prune)
			sm := freeze(tr, tc.prune)
			var saved bytes.Buffer
			if err := dense.Save(&saved); err != nil {
				t.Fatal(err)
			}
			old, err := sparseFromSaved(saved.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if sm.Features() != dense.Features() {
				t.Errorf("features: sparse %d, dense %d", sm.Features(), dense.Features())
			}
			var buf bytes.Buffer
			bw := bufio.NewWriter(&buf)
			e := &enc{w: bw}
			e.sparse(sm)
			if e.err != nil || bw.Flush() != nil {
				t.Fatal("write failed", e.err)
			}
			d := &dec{r: bufio.NewReader(bytes.NewReader(buf.Bytes()))}
			back := d.sparse(tc.classes)
			if d.err != nil {
				t.Fatal(d.err)
			}
			ds := make([]float32, tc.classes)
			for trial := 0; trial < 500; trial++ {
				fs := make([]uint64, 1+rng.Intn(40))
				for k := range fs {
					// Some features never seen in training.
					fs[k] = uint64(rng.Intn(tc.feats+tc.feats/4)) * 0x9E3779B97F4A7C15
				}
				for i := range ds {
					ds[i] = 0
				}
				dense.Scores(fs, ds)
				for _, m := range []*sparseModel{sm, back, old} {
					ss := make([]float32, tc.classes)
					m.Scores(fs, ss)
					for c := range ds {
						if ss[c] != ds[c] {
							t.Fatalf("trial %d class %d: sparse %v, dense %v", trial, c, ss[c], ds[c])
						}
					}
					if g, w := m.Predict(fs, nil, nil), dense.Predict(fs, nil, nil); g != w {
						t.Fatalf("trial %d: sparse predicts %d, dense %d", trial, g, w)
					}
				}
			}
			// Every cut of the encoding fails to read, without panicking.
			for cut := 0; cut < buf.Len(); cut += 1 + buf.Len()/50 {
				d := &dec{r: bufio.NewReader(bytes.NewReader(buf.Bytes()[:cut]))}
				if d.sparse(tc.classes); d.err == nil {
					t.Fatalf("cut at %d of %d: read without error", cut, buf.Len())
				}
			}
			// A class count other than the labels' is refused.
			d = &dec{r: bufio.NewReader(bytes.NewReader(buf.Bytes()))}
			if d.sparse(tc.classes + 1); d.err == nil {
				t.Error("wrong class count accepted")
			}
		})
	}
}

// dense rebuilds the perceptron model a sparse model came from.
func (m *sparseModel) dense(tb testing.TB) *perceptron.Model {
	var raw bytes.Buffer
	raw.WriteString("kgpcp1")
	binary.Write(&raw, binary.LittleEndian, uint32(m.nc))
	binary.Write(&raw, binary.LittleEndian, uint32(len(m.keys)))
	binary.Write(&raw, binary.LittleEndian, m.keys)
	w := make([]float32, len(m.keys)*m.nc)
	off := 0
	for r, n := range m.count {
		for k := off; k < off+int(n); k++ {
			w[r*m.nc+int(m.cls[k])] = m.w[k]
		}
		off += int(n)
	}
	binary.Write(&raw, binary.LittleEndian, w)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	zw.Write(raw.Bytes())
	zw.Close()
	pm, err := perceptron.Load(&gz)
	if err != nil {
		tb.Fatal(err)
	}
	return pm
}

// BenchmarkScoreSparse compares tagging EWT dev with the embedded model's
// sparse weights and with the same weights as dense perceptron rows, in
// one process (sub-benchmarks alternate: -count 5).
func BenchmarkScoreSparse(b *testing.B) {
	tg := defaultTagger(b)
	dense := tg.model.dense(b)
	var words [][]string
	for _, s := range treebank(b, ewtDev) {
		words = append(words, s.Words())
	}
	for _, tc := range []struct {
		name string
		m    predictor
	}{{"sparse", tg.model}, {"dense", dense}} {
		b.Run(tc.name, func(b *testing.B) {
			n := 0
			var cls []int32
			for i := 0; i < b.N; i++ {
				ws := words[i%len(words)]
				cls = append(cls[:0], make([]int32, len(ws))...)
				tg.pool.Put(tg.decodeX(tc.m, ws, nil, cls, nil))
				n += len(ws)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
