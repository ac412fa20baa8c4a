package store

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// ReleaseMapped drops the pages of a bolt store's memory map from the
// process's resident set. bolt reads its file through a read-only shared
// mapping, so every page a lookup touches stays resident: a build of 5
// million quads ended with a 1 GB resident set, most of it the mapped
// store. The pages are clean copies of the file in the kernel's page
// cache, which keeps them (and drops them under memory pressure) whether
// or not they are mapped; released, they cost a minor page fault when
// touched again. Other backends, and other systems than Linux, have
// nothing to release.
//
// bolt moves its mapping when a write grows the file past it. kg opens
// bolt with a mapping far larger than the file (boltMapSize), which then
// cannot move, and releases its pages while writes run; should the file
// come near the end of the mapping, ReleaseMapped waits for the write in
// progress and holds the next one back while it runs.
//
// Pages are released only when the process's file-backed resident set
// (RssFile: the store's mapping and the kg binary's own pages) exceeds
// above bytes, so that a caller can ask often and pay the page faults
// only now and then.
func (s *Store) ReleaseMapped(above int64) error {
	if s.Backend != "bolt" {
		return nil
	}
	if above > 0 {
		if n, err := rssFile(); err == nil && n <= above {
			return nil
		}
	}
	file := filepath.Join(s.Path, "indexes.bolt") // cayley's bolt file in the store directory
	fi, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("release mapped store: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	maps, err := mappingsOf(st.Ino)
	if err != nil {
		return fmt.Errorf("release mapped store: %w", err)
	}
	if p, ok := s.Handle.QuadStore.(plannedStore); !ok || p.ReadsBlockWrites() || len(maps) != 1 {
		// The mapping may move during a write: release it between writes.
		s.mapMu.Lock()
		defer s.mapMu.Unlock()
		if maps, err = mappingsOf(st.Ino); err != nil {
			return fmt.Errorf("release mapped store: %w", err)
		}
	}
	for _, m := range maps {
		const madvDontneed = 4 // MADV_DONTNEED; syscall has no name for it
		if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, m[0], m[1]-m[0], madvDontneed); e != 0 {
			return fmt.Errorf("release mapped store %s: madvise: %w", file, e)
		}
	}
	return nil
}

// ReleaseMappedEvery calls ReleaseMapped(above) every interval, on a
// goroutine of its own, until stop is called; errors go to report. Build
// and load use it, so that the resident set stays bounded even within a
// write, which can touch hundreds of megabytes of a large store.
func (s *Store) ReleaseMappedEvery(above int64, interval time.Duration, report func(error)) (stop func()) {
	if s.Backend != "bolt" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := s.ReleaseMapped(above); err != nil && report != nil {
					report(err)
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			<-finished
		})
	}
}

// mappingsOf lists the address ranges of the read-only shared mappings of
// the file with inode ino, from /proc/self/maps.
func mappingsOf(ino uint64) ([][2]uintptr, error) {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	var out [][2]uintptr
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		if start, end, ok := mappingOf(sc.Bytes(), ino); ok {
			out = append(out, [2]uintptr{start, end})
		}
	}
	return out, sc.Err()
}

// mappingOf parses a /proc/self/maps line ("start-end perms offset dev
// inode path") and reports its address range if it is a read-only shared
// mapping of the file with inode ino.
func mappingOf(line []byte, ino uint64) (start, end uintptr, ok bool) {
	f := bytes.Fields(line)
	if len(f) < 6 || string(f[1]) != "r--s" {
		return 0, 0, false
	}
	if n, err := strconv.ParseUint(string(f[4]), 10, 64); err != nil || n != ino {
		return 0, 0, false
	}
	lo, hi, found := bytes.Cut(f[0], []byte("-"))
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(string(lo), 16, 64)
	b, err2 := strconv.ParseUint(string(hi), 16, 64)
	if err1 != nil || err2 != nil || b <= a {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}

// rssFile reads the process's file-backed resident set, in bytes.
func rssFile() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("RssFile:")); ok {
			f := bytes.Fields(v) // "123456 kB"
			if len(f) == 2 && string(f[1]) == "kB" {
				kb, err := strconv.ParseInt(string(f[0]), 10, 64)
				return kb << 10, err
			}
		}
	}
	return 0, fmt.Errorf("no RssFile in /proc/self/status")
}
