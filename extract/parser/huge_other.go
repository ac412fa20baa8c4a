//go:build !linux

package parser

// adviseHuge is a no-op where madvise is not available.
func adviseHuge[T any](s []T) {}
