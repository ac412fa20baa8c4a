package store

import (
	"context"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"google.golang.org/protobuf/encoding/protowire"
	pb "google.golang.org/protobuf/proto"
)

// TestDecodePrimitive compares decodePrimitive with the protobuf library's
// decoder on quads, nodes, unknown fields and broken input.
func TestDecodePrimitive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var msgs [][]byte
	for i := 0; i < 500; i++ {
		p := &proto.Primitive{
			ID: rng.Uint64() >> uint(rng.Intn(64)), Subject: uint64(rng.Intn(1 << 20)),
			Predicate: uint64(rng.Intn(300)), Object: uint64(rng.Intn(1 << 30)), Label: uint64(rng.Intn(3)),
			Replaces: uint64(rng.Intn(2)), Timestamp: rng.Int63() - rng.Int63(), Deleted: rng.Intn(4) == 0,
		}
		if rng.Intn(2) == 0 {
			p.Value = make([]byte, rng.Intn(40))
			rng.Read(p.Value)
		}
		b, err := pb.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, b)
	}
	// An unknown varint field and an unknown bytes field, as a newer
	// cayley might write.
	extra := protowire.AppendTag(nil, 20, protowire.VarintType)
	extra = protowire.AppendVarint(extra, 77)
	extra = protowire.AppendTag(extra, 21, protowire.BytesType)
	extra = protowire.AppendBytes(extra, []byte("xyz"))
	msgs = append(msgs, append(append([]byte(nil), msgs[0]...), extra...))
	// Broken: truncated messages and a bad tag.
	for _, m := range msgs[:50] {
		if len(m) > 1 {
			msgs = append(msgs, m[:len(m)-1])
		}
	}
	msgs = append(msgs, []byte{0x00}, []byte{0xff, 0xff, 0xff}, nil)
	for i, m := range msgs {
		var want, got proto.Primitive
		werr := pb.Unmarshal(m, &want)
		gerr := decodePrimitive(m, &got)
		if (werr == nil) != (gerr == nil) {
			t.Errorf("message %d (%x): protobuf error %v, decodePrimitive error %v", i, m, werr, gerr)
			continue
		}
		if werr != nil {
			continue
		}
		if got.ID != want.ID || got.Subject != want.Subject || got.Predicate != want.Predicate || got.Object != want.Object ||
			got.Label != want.Label || got.Replaces != want.Replaces || got.Timestamp != want.Timestamp ||
			got.Deleted != want.Deleted || string(got.Value) != string(want.Value) {
			t.Errorf("message %d (%x): decodePrimitive %+v, protobuf %+v", i, m, &got, &want)
		}
	}
}

// TestReadTxsSeeWrites checks that a read after a write sees it although
// the pool keeps transactions begun before the write, and that reads
// from many goroutines while writes land match the store's own answer.
func TestReadTxsSeeWrites(t *testing.T) {
	ctx := context.Background()
	s, err := Open(Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps, ok := s.Handle.QuadStore.(plannedStore)
	if !ok || ps.txs == nil {
		t.Fatalf("bolt store is %T, want a plannedStore on bolt", s.Handle.QuadStore)
	}
	count := func(subject string) int {
		qs, err := s.QuadsWith(ctx, quad.Subject, quad.IRI(subject))
		if err != nil {
			t.Fatal(err)
		}
		return len(qs)
	}
	for i := 1; i <= 20; i++ {
		// A read first, so that the pool holds a transaction from before
		// the write.
		before := count("s")
		if before != i-1 {
			t.Fatalf("before write %d: %d quads of s, want %d", i, before, i-1)
		}
		q := quad.Make(quad.IRI("s"), quad.IRI("p"), quad.IRI("o"+string(rune('a'+i))), nil)
		if _, err := s.WriteQuads(ctx, "d"+string(rune('a'+i)), []quad.Quad{q}); err != nil {
			t.Fatal(err)
		}
		if got := count("s"); got != i {
			t.Fatalf("after write %d: %d quads of s, want %d", i, got, i)
		}
	}

	// Concurrent readers while a writer adds quads: each count may be
	// from before or after a write, never fewer than before it began.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-stop:
					return
				default:
				}
				qs, err := s.QuadsWith(ctx, quad.Subject, quad.IRI("t"))
				if err != nil {
					t.Error(err)
					return
				}
				if len(qs) < last {
					t.Errorf("read %d quads of t after reading %d", len(qs), last)
					return
				}
				last = len(qs)
			}
		}()
	}
	for i := 0; i < 30; i++ {
		q := quad.Make(quad.IRI("t"), quad.IRI("p"), quad.Int(i), nil)
		if _, err := s.WriteQuads(ctx, "t"+string(rune('a'+i)), []quad.Quad{q}); err != nil {
			t.Fatal(err)
		}
		if got := count("t"); got != i+1 {
			t.Fatalf("after write %d: %d quads of t", i, got)
		}
	}
	close(stop)
	wg.Wait()
}

// TestReadTxsExpire checks that idle transactions are rolled back, so that
// none stays open on an idle store.
func TestReadTxsExpire(t *testing.T) {
	s, err := Open(Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps := s.Handle.QuadStore.(plannedStore)
	if !mapFixed(ps.db, ps.bigMap) {
		t.Skip("bolt's map is not fixed on this system: transactions are not kept")
	}
	ctx := context.Background()
	if _, err := s.WriteQuads(ctx, "d", []quad.Quad{quad.Make(quad.IRI("x"), quad.IRI("p"), quad.IRI("y"), nil)}); err != nil {
		t.Fatal(err)
	}
	if qs, err := s.QuadsWith(ctx, quad.Subject, quad.IRI("x")); err != nil || len(qs) != 1 {
		t.Fatalf("QuadsWith = %v, %v; want the quad written", qs, err)
	}
	if n := ps.db.Stats().OpenTxN; n == 0 {
		t.Fatalf("no read transaction kept after a read")
	}
	deadline := time.Now().Add(5 * time.Second)
	for ps.db.Stats().OpenTxN > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d read transactions still open 5 s after the last read", ps.db.Stats().OpenTxN)
		}
		time.Sleep(5 * time.Millisecond)
	}
	ps.txs.mu.Lock()
	defer ps.txs.mu.Unlock()
	if len(ps.txs.idle) != 0 || ps.txs.sweeping {
		t.Fatalf("%d idle transactions after they expired (sweep scheduled: %v)", len(ps.txs.idle), ps.txs.sweeping)
	}
}

// FuzzDecodePrimitive: on any bytes (a damaged store's log entry),
// decodePrimitive returns without panicking, fails exactly when the
// protobuf library fails, and otherwise decodes the same message.
func FuzzDecodePrimitive(f *testing.F) {
	for _, p := range []*proto.Primitive{
		{ID: 1, Value: []byte("\x0a\x03abc")},
		{ID: 1 << 40, Subject: 3, Predicate: 4, Object: 5, Label: 6, Timestamp: -7, Deleted: true},
		{ID: 9, Replaces: 2},
	} {
		b, err := pb.Marshal(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		var want, got proto.Primitive
		werr := pb.Unmarshal(b, &want)
		gerr := decodePrimitive(b, &got)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%x: protobuf error %v, decodePrimitive error %v", b, werr, gerr)
		}
		if werr == nil && (got.ID != want.ID || got.Subject != want.Subject || got.Predicate != want.Predicate ||
			got.Object != want.Object || got.Label != want.Label || got.Replaces != want.Replaces ||
			got.Timestamp != want.Timestamp || got.Deleted != want.Deleted || string(got.Value) != string(want.Value)) {
			t.Fatalf("%x: decodePrimitive %+v, protobuf %+v", b, &got, &want)
		}
	})
}
