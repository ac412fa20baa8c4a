package perceptron

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math/rand"
	"testing"
)

// TestLearnsSeparableData trains on a task a linear model can solve and
// checks it is solved, then that Save/Load keeps every score.
func TestLearnsSeparableData(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tr := NewTrainer(3)
	type ex struct {
		f []uint64
		y int
	}
	var data []ex
	for i := 0; i < 300; i++ {
		y := rng.Intn(3)
		f := []uint64{Hash(1, string(rune('a'+y))), Hash(2, string(rune('a'+rng.Intn(3))))}
		data = append(data, ex{f, y})
	}
	for epoch := 0; epoch < 5; epoch++ {
		for _, e := range data {
			tr.Tick()
			tr.Update(e.f, e.y, tr.Predict(e.f, nil, nil))
		}
	}
	m := tr.Average(0)
	for _, e := range data {
		if got := m.Predict(e.f, nil, nil); got != e.y {
			t.Fatalf("predicted %d, want %d", got, e.y)
		}
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range data {
		a, b := make([]float32, 3), make([]float32, 3)
		m.Scores(e.f, a)
		m2.Scores(e.f, b)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("scores differ after load: %v vs %v", a, b)
			}
		}
	}
	if m.Predict(data[0].f, func(c int) bool { return c != data[0].y }, nil) == data[0].y {
		t.Error("Predict ignored the allowed filter")
	}
}

func TestLoadRejectsCorruptInput(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("not gzip"))); err == nil {
		t.Error("accepted non-gzip data")
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(magic))
	binary.Write(zw, binary.LittleEndian, uint32(1<<15))
	binary.Write(zw, binary.LittleEndian, uint32(1<<30))
	zw.Close()
	if _, err := Load(&buf); err == nil {
		t.Error("accepted a header claiming 2^45 weights")
	}
}

func TestMakeTable(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 3<<20/8 + 5, 5 << 20 / 8} {
		s := MakeTable[uint64](n)
		if len(s) != n {
			t.Fatalf("MakeTable(%d) has length %d", n, len(s))
		}
		for i, x := range s {
			if x != 0 {
				t.Fatalf("MakeTable(%d)[%d] = %d, want 0", n, i, x)
			}
			s[i] = uint64(i)
		}
		for i, x := range s {
			if x != uint64(i) {
				t.Fatalf("MakeTable(%d)[%d] = %d after writing %d", n, i, x, i)
			}
		}
	}
	if s := MakeTable[[3]float32](7); len(s) != 7 {
		t.Errorf("MakeTable of arrays: length %d", len(s))
	}
}

// TestScoresMatchReference checks Scores, with its blocked lookups,
// against a plain map lookup adding rows in feature order: the sums must
// be bit for bit the same, for vectors shorter and longer than a block,
// with unknown, repeated and zero features.
func TestScoresMatchReference(t *testing.T) {
	for _, nc := range []int{1, 2, 7, 13} { // unrolled adds and their remainder
		t.Run(fmt.Sprintf("%d classes", nc), func(t *testing.T) { testScoresMatchReference(t, nc) })
	}
}

func testScoresMatchReference(t *testing.T, nc int) {
	rng := rand.New(rand.NewSource(7))
	tr := NewTrainer(nc)
	known := []uint64{0}
	for i := 0; i < 5000; i++ {
		known = append(known, rng.Uint64())
	}
	for i := 0; i < 20000; i++ {
		tr.Tick()
		f := []uint64{known[rng.Intn(len(known))], known[rng.Intn(len(known))]}
		tr.Update(f, rng.Intn(nc), rng.Intn(nc))
	}
	m := tr.Average(0)
	tests := []struct {
		name string
		n    int // features per vector
	}{
		{"empty", 0}, {"one", 1}, {"under a block", scoreBlock - 1}, {"a block", scoreBlock},
		{"over a block", scoreBlock + 1}, {"several blocks", 3*scoreBlock + 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for trial := 0; trial < 200; trial++ {
				feats := make([]uint64, tc.n)
				for i := range feats {
					switch rng.Intn(4) {
					case 0:
						feats[i] = rng.Uint64() // unknown
					case 1:
						if i > 0 {
							feats[i] = feats[rng.Intn(i)] // repeated
						}
					default:
						feats[i] = known[rng.Intn(len(known))]
					}
				}
				got, want := make([]float32, nc), make([]float32, nc)
				for c := range got {
					got[c], want[c] = float32(c)/3, float32(c)/3
				}
				m.Scores(feats, got)
				for _, f := range feats {
					if r, ok := m.index[f]; ok {
						for c := range want {
							want[c] += m.weights[int(r)*nc+c]
						}
					}
				}
				for c := range got {
					if got[c] != want[c] {
						t.Fatalf("trial %d class %d: got %v, want %v", trial, c, got[c], want[c])
					}
				}
			}
		})
	}
}
