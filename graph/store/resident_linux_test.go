package store

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
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
