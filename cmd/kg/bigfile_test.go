package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/kg-project/kg/extract/article"
)

// maxRSS runs kg with args and returns its peak resident memory in
// bytes, its exit code and its standard error.
func maxRSS(t *testing.T, args ...string) (int64, int, string) {
	t.Helper()
	cmd := exec.Command(kgBinary(t), args...)
	cmd.Env = append(os.Environ(), "KG_DB=", "KG_BACKEND=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("kg %v: %v", args, err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this platform")
	}
	return ru.Maxrss * 1024, code, stderr.String()
}

// writeBig writes size bytes of ordinary English text to p.
func writeBig(t *testing.T, p string, size int64) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	line := "Officials in Washington said the talks with leaders of Israel and Egypt went on late into the night.\n"
	for n := int64(0); n < size; n += int64(len(line)) {
		w.WriteString(line)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestBuildHugeFile gives kg build a file larger than article.MaxSize
// (70 MB; 200 MB with KG_BIG_TESTS=1 outside -short) between two good
// articles: it must be refused with its name and size, exit code 1, the
// good articles stored, and memory must not grow with the file.
func TestBuildHugeFile(t *testing.T) {
	size := int64(70 << 20)
	if !testing.Short() && os.Getenv("KG_BIG_TESTS") == "1" {
		size = 200 << 20
	}
	dir := t.TempDir()
	good1 := filepath.Join(dir, "a-before.txt")
	good2 := filepath.Join(dir, "z-after.txt")
	os.WriteFile(good1, []byte(goodBefore), 0o644)
	os.WriteFile(good2, []byte(goodAfter), 0o644)
	big := filepath.Join(dir, "huge.txt")
	writeBig(t, big, size)

	base, code, stderr := maxRSS(t, "build", "-q", "--db", filepath.Join(dir, "base.db"), good1, good2)
	if code != 0 {
		t.Fatalf("baseline build: exit %d\n%s", code, stderr)
	}
	db := filepath.Join(dir, "kg.db")
	rss, code, stderr := maxRSS(t, "build", "-q", "--db", db, good1, big, good2)
	t.Logf("peak RSS: %d MiB for two small articles, %d MiB with a %d MiB file as well", base>>20, rss>>20, size>>20)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.Contains(stderr, big) || !strings.Contains(stderr, "limit") {
		t.Errorf("stderr does not name %s and the size limit:\n%s", big, stderr)
	}
	if strings.Contains(stderr, "panic") {
		t.Fatalf("panic:\n%s", stderr)
	}
	// Reading the file whole would add at least its size.
	if grow := rss - base; grow > article.MaxSize/2 {
		t.Errorf("peak memory grew by %d MiB for a refused %d MiB file", grow>>20, size>>20)
	}
	st := openDB(t, db)
	for _, id := range []string{"a-before", "z-after"} {
		if len(docQuads(t, st, id)) == 0 {
			t.Errorf("good document %s is not in the store", id)
		}
	}
	if len(docQuads(t, st, "huge")) != 0 {
		t.Error("the refused file has quads in the store")
	}
}
