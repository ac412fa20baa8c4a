//go:build !linux

package store

// ReleaseMapped does nothing here: only Linux builds release the pages of
// a bolt store's memory map (see resident_linux.go).
func (s *Store) ReleaseMapped(above int64) error { return nil }
