//go:build !linux

package store

import "time"

// ReleaseMapped does nothing here: only Linux builds release the pages of
// a bolt store's memory map (see resident_linux.go).
func (s *Store) ReleaseMapped(above int64) error { return nil }

// ReleaseMappedEvery does nothing here (see resident_linux.go).
func (s *Store) ReleaseMappedEvery(above int64, interval time.Duration, report func(error)) (stop func()) {
	return func() {}
}
