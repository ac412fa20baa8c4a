package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/internal/testenv"
)

// mappedKB sums the resident kB of the read-only shared mappings of file,
// from /proc/self/smaps.
func mappedKB(t *testing.T, file string) int {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	ino := fi.Sys().(*syscall.Stat_t).Ino
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	kb, in := 0, false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		if _, _, ok := mappingOf([]byte(line), ino); ok {
			in = true
			continue
		}
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			in = false // the header of another mapping
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			kb += n
		}
	}
	return kb
}

func TestReleaseMapped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kg.db")
	st, err := Open(Options{Backend: "bolt", Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var docs []DocQuads
	for i := 0; i < 200; i++ {
		docs = append(docs, docQuads("doc"+strconv.Itoa(i), "h", "rockets"))
	}
	if _, err := st.WriteBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := allQuads(t, st) // reads every page of the store
	file := filepath.Join(dir, "indexes.bolt")
	if kb := mappedKB(t, file); kb == 0 {
		t.Fatalf("store read but none of %s resident: the test cannot see the mapping", file)
	}
	if err := st.ReleaseMapped(1 << 50); err != nil {
		t.Fatal(err)
	}
	if kb := mappedKB(t, file); kb == 0 {
		t.Fatalf("ReleaseMapped released below its threshold")
	}
	if err := st.ReleaseMapped(0); err != nil {
		t.Fatal(err)
	}
	if kb := mappedKB(t, file); kb != 0 {
		t.Errorf("after ReleaseMapped %d kB of the store still resident, want 0", kb)
	}
	got := allQuads(t, st)
	if len(got) != len(want) {
		t.Fatalf("after ReleaseMapped the store reads %d quads, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("quad %d reads %q after ReleaseMapped, want %q", i, got[i], want[i])
		}
	}
}

func TestMappingOf(t *testing.T) {
	for _, c := range []struct {
		line   string
		ino    uint64
		ok     bool
		lo, hi uintptr
	}{
		{"7f1c2a000000-7f1c2a400000 r--s 00000000 08:01 1234 /tmp/kg.db/indexes.bolt", 1234, true, 0x7f1c2a000000, 0x7f1c2a400000},
		{"7f1c2a000000-7f1c2a400000 r--s 00000000 08:01 1234 /tmp/kg.db/indexes.bolt", 99, false, 0, 0},
		{"7f1c2a000000-7f1c2a400000 rw-p 00000000 08:01 1234 /tmp/kg.db/indexes.bolt", 1234, false, 0, 0},
		{"7f1c2a000000-7f1c2a400000 r--s 00000000 08:01 1234", 1234, false, 0, 0},
		{"garbage", 1234, false, 0, 0},
	} {
		lo, hi, ok := mappingOf([]byte(c.line), c.ino)
		if ok != c.ok || lo != c.lo || hi != c.hi {
			t.Errorf("mappingOf(%q, %d) = %#x, %#x, %v; want %#x, %#x, %v", c.line, c.ino, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

func TestRSSFile(t *testing.T) {
	n, err := rssFile()
	if err != nil {
		t.Fatal(err)
	}
	if n <= 0 {
		t.Errorf("rssFile() = %d, want the size of the mapped test binary's pages", n)
	}
}

// TestReleaseMappedDuringWrites releases the mapping as often as it can
// while batches grow the store, as build and load do, and requires every
// write to land and the store to read back whole.
func TestReleaseMappedDuringWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kg.db")
	st, err := Open(Options{Backend: "bolt", Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	file := filepath.Join(dir, "indexes.bolt")
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	maps, err := mappingsOf(fi.Sys().(*syscall.Stat_t).Ino)
	if err != nil || len(maps) != 1 {
		t.Fatalf("mappings of %s: %v, %v; want one", file, maps, err)
	}
	if size := maps[0][1] - maps[0][0]; boltMapSize > 0 && size < uintptr(boltMapSize) {
		t.Errorf("bolt mapped %d bytes, want boltMapSize (%d), so that writes do not move the map", size, boltMapSize)
	}
	var errs []error
	var mu sync.Mutex
	stop := st.ReleaseMappedEvery(0, time.Millisecond, func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	})
	ctx := context.Background()
	var batches [][]DocQuads
	for b := 0; b < 12; b++ {
		var docs []DocQuads
		for i := 0; i < 50; i++ {
			docs = append(docs, docQuads(fmt.Sprintf("doc%d-%d", b, i), "h", "rockets"))
		}
		batches = append(batches, docs)
		if _, err := st.WriteBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Extracted(ctx, fmt.Sprintf("doc%d-0", b), "h", ""); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	stop() // a second stop is harmless
	for _, err := range errs {
		t.Error(err)
	}
	// The same batches into a store whose map nobody releases.
	ref, err := Open(Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "ref.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for _, docs := range batches {
		if _, err := ref.WriteBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	got, want := allQuads(t, st), allQuads(t, ref)
	if d := testenv.DiffLines(got, want, "released", "reference"); d != "" {
		t.Errorf("store written while its map was released differs from one written without:\n%s", d)
	}
}
