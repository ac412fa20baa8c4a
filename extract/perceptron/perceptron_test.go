package perceptron

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
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
